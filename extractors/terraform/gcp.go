package terraform

import (
	"strings"

	cf "github.com/tms-dev/tms/extractors/cloudfacts"
)

// publicMembers are the IAM members meaning anyone on the internet.
var publicMembers = []string{"allUsers", "allAuthenticatedUsers"}

func anyPublicMember(values []any) cf.Tri {
	var t cf.Tri
	for _, v := range values {
		s, ok := v.(string)
		if !ok || cf.Templated(s) {
			t = t.Or(cf.Unknown)
			continue
		}
		for _, m := range publicMembers {
			if s == m || strings.HasSuffix(s, ":"+m) {
				t = cf.True
			}
		}
	}
	return t
}

// googleBucketIAM covers google_storage_bucket_iam_member and _binding.
func googleBucketIAM(l lifter) {
	l.f.Set(cf.Bucket, l.reference("bucket"))
	members := append(l.list("member"), l.list("members")...)
	l.f.Exposed(cf.PublicPolicy, anyPublicMember(members), false)
	l.at(cf.PublicPolicy, "member", "members")
}

func googleBucketACL(l lifter) {
	l.f.Set(cf.Bucket, l.reference("bucket"))
	public, _ := l.oneOf("predefined_acl", "publicRead", "publicReadWrite", "authenticatedRead")
	for _, entry := range l.list("role_entity") {
		s, ok := entry.(string)
		if !ok {
			public = public.Or(cf.Unknown)
			continue
		}
		_, who, _ := strings.Cut(s, ":")
		public = public.Or(anyPublicMember([]any{who}))
	}
	l.f.Exposed(cf.PublicACL, public, false)
	l.at(cf.PublicACL, "predefined_acl", "role_entity")
}

// googleBucket: enforced public access prevention says the bucket is private.
func googleBucket(l lifter) {
	if t, ok := l.oneOf("public_access_prevention", "enforced"); ok && t == cf.True {
		l.f.Internal()
	}
}

// googleFirewall reads an ingress rule. With neither source ranges nor
// source tags nor service accounts, Google applies 0.0.0.0/0.
func googleFirewall(l lifter) {
	if t, _ := l.oneOf("direction", "EGRESS"); t == cf.True {
		return
	}
	if t, _ := l.tri("disabled"); t == cf.True {
		l.f.RecordIngress(nil)
		return
	}
	sources := l.list("source_ranges")
	if sources == nil && l.get("source_tags") == nil && l.get("source_service_accounts") == nil {
		sources = []any{"0.0.0.0/0"}
	}
	var rules []cf.Ingress
	for _, allow := range l.children("allow") {
		protocol := allow.get("protocol")
		ports := allow.list("ports")
		if len(ports) == 0 {
			rules = append(rules, cf.OpenRules(sources, 0, 65535, protocol)...)
		}
		for _, p := range ports {
			from, to := cf.PortRange(p)
			rules = append(rules, cf.OpenRules(sources, from, to, protocol)...)
		}
	}
	l.f.RecordIngress(cf.AtLine(rules, l.line("source_ranges", "allow")))
}

// googleAddress: addresses are external unless their type says internal.
func googleAddress(l lifter) {
	internal, explicit := l.oneOf("address_type", "INTERNAL")
	l.f.Exposed(cf.PublicIP, internal.Not(), explicit)
	l.at(cf.PublicIP, "address_type")
}

// googleInstance: an access_config block gives an interface an external IP.
func googleInstance(l lifter) {
	line := 0
	for _, nic := range l.children("network_interface") {
		if line == 0 {
			line = nic.line("access_config")
		}
	}
	if line > 0 {
		l.f.Exposed(cf.PublicIP, cf.True, true)
		l.f.At(cf.PublicIP, line)
	}
}

// googleSQL: an authorized network of 0.0.0.0/0 opens the instance's
// public IP to everyone; ipv4_enabled = false removes the public IP.
func googleSQL(l lifter) {
	public := cf.False
	explicitPrivate := false
	line := 0
	for _, settings := range l.children("settings") {
		for _, ip := range settings.children("ip_configuration") {
			if t, ok := ip.tri("ipv4_enabled"); ok && t == cf.False {
				explicitPrivate = true
			}
			for _, network := range ip.children("authorized_networks") {
				open := cf.OpenSource(network.get("value"))
				if open != cf.False && line == 0 {
					line = network.line("value")
				}
				public = public.Or(open)
			}
		}
	}
	if explicitPrivate {
		public = cf.False
	}
	l.f.Exposed(cf.PubliclyAccessible, public, explicitPrivate)
	l.f.At(cf.PubliclyAccessible, line)
}

// googleProjectIAM: the basic owner and editor roles grant every permission
// of the project, the wildcard of Google Cloud IAM.
func googleProjectIAM(l lifter) {
	t, _ := l.oneOf("role", "roles/owner", "roles/editor")
	l.f.Set(cf.IAMWildcard, t.Value())
	l.at(cf.IAMWildcard, "role")
}
