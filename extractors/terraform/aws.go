package terraform

import (
	"strings"

	cf "github.com/tms-dev/tms/extractors/cloudfacts"
)

// publicCannedACLs are the S3 canned ACLs that grant reading or writing to
// anyone, or to any AWS account.
var publicCannedACLs = []string{"public-read", "public-read-write", "authenticated-read"}

func awsBucket(l lifter) {
	if t, ok := l.oneOf("acl", publicCannedACLs...); ok {
		l.f.Exposed(cf.PublicACL, t, true)
		l.at(cf.PublicACL, "acl")
	}
	if l.n.has("policy") {
		bucketPolicy(l)
	}
	if l.n.has("server_side_encryption_configuration") {
		l.f.Set(cf.Encrypted, true)
	}
}

func awsBucketACL(l lifter) {
	l.f.Set(cf.Bucket, l.reference("bucket"))
	if t, ok := l.oneOf("acl", publicCannedACLs...); ok {
		l.f.Exposed(cf.PublicACL, t, true)
		l.at(cf.PublicACL, "acl")
	}
}

func awsBucketPolicy(l lifter) {
	l.f.Set(cf.Bucket, l.reference("bucket"))
	bucketPolicy(l)
}

// bucketPolicy reads a policy given inline; one taken from an
// aws_iam_policy_document is named instead, and the document's own item
// carries the facts.
func bucketPolicy(l lifter) {
	if doc := policyDocument(l); doc != "" {
		l.f.Set(cf.PolicyDocument, doc)
		return
	}
	facts := cf.ReadPolicy(l.policy("policy"))
	l.f.Exposed(cf.PublicPolicy, facts.PublicPrincipal, false)
	l.at(cf.PublicPolicy, "policy")
}

func policyDocument(l lifter) string {
	ref := l.reference("policy")
	if len(ref) > len("data.aws_iam_policy_document.") &&
		ref[:len("data.aws_iam_policy_document.")] == "data.aws_iam_policy_document." {
		return ref
	}
	return ""
}

// policy reads a policy argument: jsonencode of a literal, a heredoc or a
// string. Interpolations inside a heredoc are left as placeholders.
func (l lifter) policy(name string) any {
	expr, ok := l.n.attr(name)
	if !ok {
		return nil
	}
	ev := l.ev
	ev.templates = true
	v := ev.template(expr)
	if op, isOpaque := v.(cf.Opaque); isOpaque {
		l.f.Unresolve(l.prefix+name, op.Text)
	}
	return v
}

func awsPublicAccessBlock(l lifter) {
	l.f.Set(cf.Bucket, l.reference("bucket"))
	flags := map[string]any{}
	all := cf.True
	for _, name := range []string{
		"block_public_acls", "block_public_policy",
		"ignore_public_acls", "restrict_public_buckets",
	} {
		t, _ := l.triOr(name, false)
		flags[name] = t.Value()
		all = all.And(t)
	}
	l.f.Set(cf.PublicAccessBlock, flags)
	if all == cf.True {
		l.f.Internal()
	}
}

func awsBucketEncryption(l lifter) {
	l.f.Set(cf.Bucket, l.reference("bucket"))
	l.f.Set(cf.Encrypted, true)
}

func awsSecurityGroup(l lifter) {
	l.f.RecordIngress(nestedRules(l, "ingress", awsRule))
}

func awsSecurityGroupRule(l lifter) {
	if t, _ := l.oneOf("type", "ingress"); t == cf.False {
		return
	}
	awsIngressRule(l)
}

func awsIngressRule(l lifter) {
	line := l.line("cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6")
	l.f.RecordIngress(cf.AtLine(awsRule(l.get), line))
}

// awsLoadBalancer: load balancers are internet-facing unless internal.
func awsLoadBalancer(l lifter) {
	internal, explicit := l.triOr("internal", false)
	l.f.Set(cf.LoadBalancer, true)
	l.f.Exposed(cf.PublicIP, internal.Not(), explicit)
	l.at(cf.PublicIP, "internal")
}

func publicAddress(l lifter) { l.f.Exposed(cf.PublicIP, cf.True, true) }

// awsInstance reads the instance's public address and the encryption its
// block devices state; a device that says nothing is left out, since the
// account may encrypt new volumes by default.
func awsInstance(l lifter) {
	if t, ok := l.tri("associate_public_ip_address"); ok {
		l.f.Exposed(cf.PublicIP, t, true)
		l.at(cf.PublicIP, "associate_public_ip_address")
	}
	encrypted, stated := cf.True, false
	for _, typ := range []string{"root_block_device", "ebs_block_device"} {
		for _, device := range l.children(typ) {
			if t, ok := device.tri("encrypted"); ok {
				encrypted, stated = encrypted.And(t), true
			}
		}
	}
	if stated {
		l.f.Set(cf.Encrypted, encrypted.Value())
	}
}

// awsSubnet: instances launched in a subnet that maps public IPs get one.
func awsSubnet(l lifter) {
	if t, ok := l.tri("map_public_ip_on_launch"); ok {
		l.f.Exposed(cf.PublicIP, t, true)
		l.at(cf.PublicIP, "map_public_ip_on_launch")
	}
}

func awsLaunchTemplate(l lifter) {
	var public cf.Tri
	found := false
	for _, nic := range l.children("network_interfaces") {
		if t, ok := nic.tri("associate_public_ip_address"); ok {
			public, found = public.Or(t), true
		}
	}
	if found {
		l.f.Exposed(cf.PublicIP, public, true)
		l.at(cf.PublicIP, "network_interfaces")
	}
}

// awsDatabase covers RDS instances and clusters: both default to private
// and unencrypted.
func awsDatabase(l lifter) {
	public, explicit := l.triOr("publicly_accessible", false)
	l.f.Exposed(cf.PubliclyAccessible, public, explicit)
	l.at(cf.PubliclyAccessible, "publicly_accessible")
	encrypted, _ := l.triOr("storage_encrypted", false)
	l.f.Set(cf.Encrypted, encrypted.Value())
}

func awsRDSClusterInstance(l lifter) {
	public, explicit := l.triOr("publicly_accessible", false)
	l.f.Exposed(cf.PubliclyAccessible, public, explicit)
	l.at(cf.PubliclyAccessible, "publicly_accessible")
}

func awsRedshift(l lifter) {
	if t, ok := l.tri("publicly_accessible"); ok {
		l.f.Exposed(cf.PubliclyAccessible, t, true)
		l.at(cf.PubliclyAccessible, "publicly_accessible")
	}
	encrypted, _ := l.triOr("encrypted", false)
	l.f.Set(cf.Encrypted, encrypted.Value())
}

// elasticacheEncryption reads at-rest encryption, off by default.
var elasticacheEncryption = encryptedFlag("at_rest_encryption_enabled")

// encryptedFlag reads an encryption argument whose provider default is off.
func encryptedFlag(name string) func(lifter) {
	return func(l lifter) {
		t, _ := l.triOr(name, false)
		l.f.Set(cf.Encrypted, t.Value())
	}
}

func awsIAMPolicy(l lifter) {
	if doc := policyDocument(l); doc != "" {
		l.f.Set(cf.PolicyDocument, doc)
		return
	}
	l.f.Wildcards(cf.ReadPolicy(l.policy("policy")))
	l.at(cf.IAMWildcard, "policy")
}

// awsPolicyAttachment: attaching AdministratorAccess grants every action.
// A policy of the configuration, referenced as aws_iam_policy.x.arn, has its
// own item; a variable or a data source could name any policy.
func awsPolicyAttachment(l lifter) {
	t := cf.Unknown
	switch v := l.get("policy_arn").(type) {
	case string:
		t = cf.Of(cf.AdminPolicyARN(v))
	case cf.Opaque:
		if v.Reference && !strings.HasPrefix(v.Text, "data.") {
			t = cf.False
		}
	}
	l.f.Set(cf.IAMWildcard, t.Value())
	l.at(cf.IAMWildcard, "policy_arn")
}
