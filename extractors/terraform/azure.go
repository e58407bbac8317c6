package terraform

import (
	"strings"

	cf "github.com/tms-dev/tms/extractors/cloudfacts"
)

// azureRule reads an inbound Allow rule of a network security group.
func azureRule(get fields) []cf.Ingress {
	if !azureIs(get("direction"), "Inbound") || !azureIs(get("access"), "Allow") {
		return nil
	}
	sources := append(asList(get("source_address_prefix")),
		asList(get("source_address_prefixes"))...)
	ports := append(asList(get("destination_port_range")),
		asList(get("destination_port_ranges"))...)
	var rules []cf.Ingress
	for _, p := range ports {
		from, to := cf.PortRange(p)
		rules = append(rules, cf.OpenRules(sources, from, to, get("protocol"))...)
	}
	return rules
}

// azureIs is true unless the value is a literal other than want: a
// direction given by a variable may be inbound.
func azureIs(v any, want string) bool {
	s, ok := v.(string)
	return !ok || cf.Templated(s) || strings.EqualFold(s, want)
}

func azureSecurityRule(l lifter) {
	line := l.line("source_address_prefix", "source_address_prefixes")
	l.f.RecordIngress(cf.AtLine(azureRule(l.get), line))
}

func azureSecurityGroup(l lifter) {
	l.f.RecordIngress(nestedRules(l, "security_rule", azureRule))
}

// azureLoadBalancer: a frontend with a public IP address faces the internet.
func azureLoadBalancer(l lifter) {
	l.f.Set(cf.LoadBalancer, true)
	for _, fe := range l.children("frontend_ip_configuration") {
		switch {
		case fe.get("public_ip_address_id") != nil:
			l.f.Exposed(cf.PublicIP, cf.True, true)
			l.f.At(cf.PublicIP, fe.line("public_ip_address_id"))
		case fe.get("subnet_id") != nil && !l.f.Has(cf.PublicIP):
			l.f.Exposed(cf.PublicIP, cf.False, true)
		}
	}
}

// azureContainer: blob and container access let anyone read without a key.
func azureContainer(l lifter) {
	if t, ok := l.oneOf("container_access_type", "blob", "container"); ok {
		l.f.Exposed(cf.PublicACL, t, true)
		l.at(cf.PublicACL, "container_access_type")
	}
}

func azureStorageAccount(l lifter) {
	for _, name := range []string{"allow_nested_items_to_be_public", "allow_blob_public_access"} {
		if t, ok := l.tri(name); ok {
			l.f.Exposed(cf.PublicACL, t, false)
			l.at(cf.PublicACL, name)
		}
	}
	azurePublicNetwork(l)
}

// azurePublicNetwork reads public_network_access_enabled, which Azure
// resources from databases to key vaults share.
func azurePublicNetwork(l lifter) {
	if t, ok := l.tri("public_network_access_enabled"); ok {
		l.f.Exposed(cf.PubliclyAccessible, t, true)
		l.at(cf.PubliclyAccessible, "public_network_access_enabled")
	}
}

// azureFirewallRule: a database firewall rule from 0.0.0.0 to
// 255.255.255.255 admits every address. 0.0.0.0 to 0.0.0.0 is Azure's
// convention for its own services, not the internet.
func azureFirewallRule(l lifter) {
	start, startKnown, _ := l.text("start_ip_address")
	end, endKnown, _ := l.text("end_ip_address")
	t := cf.Of(start == "0.0.0.0" && end == "255.255.255.255")
	if !startKnown || !endKnown {
		t = cf.Unknown
	}
	l.f.Exposed(cf.PubliclyAccessible, t, false)
	l.at(cf.PubliclyAccessible, "start_ip_address")
}

func azureRoleDefinition(l lifter) {
	var t cf.Tri
	for _, p := range l.children("permissions") {
		for _, name := range []string{"actions", "data_actions"} {
			for _, a := range p.list(name) {
				s, ok := a.(string)
				switch {
				case !ok || cf.Templated(s):
					t = t.Or(cf.Unknown)
				case s == "*" || strings.HasSuffix(s, "/*"):
					t = cf.True
				}
			}
		}
	}
	l.f.Set(cf.IAMWildcard, t.Value())
	l.at(cf.IAMWildcard, "permissions")
}
