package cloudformation

import (
	"strings"

	cf "github.com/tms-dev/tms/extractors/cloudfacts"
)

// lifts names, per resource type, what reads its exposure facts. Other
// types carry their type and logical id only.
var lifts = map[string]func(props){
	"AWS::S3::Bucket":                           bucket,
	"AWS::S3::BucketPolicy":                     bucketPolicy,
	"AWS::EC2::SecurityGroup":                   securityGroup,
	"AWS::EC2::SecurityGroupIngress":            securityGroupIngress,
	"AWS::RDS::DBInstance":                      dbInstance,
	"AWS::RDS::DBCluster":                       dbCluster,
	"AWS::Redshift::Cluster":                    redshift,
	"AWS::EC2::Volume":                          encryptedFlag("Encrypted"),
	"AWS::EFS::FileSystem":                      encryptedFlag("Encrypted"),
	"AWS::IAM::Policy":                          iamPolicy,
	"AWS::IAM::ManagedPolicy":                   iamPolicy,
	"AWS::IAM::Role":                            iamPrincipal,
	"AWS::IAM::User":                            iamPrincipal,
	"AWS::IAM::Group":                           iamPrincipal,
	"AWS::ApiGateway::RestApi":                  restAPI,
	"AWS::ApiGateway::Method":                   apiMethod,
	"AWS::ApiGatewayV2::Route":                  apiRoute,
	"AWS::Lambda::Url":                          functionURL,
	"AWS::Serverless::Function":                 serverlessFunction,
	"AWS::ElasticLoadBalancingV2::LoadBalancer": loadBalancer,
	"AWS::ElasticLoadBalancing::LoadBalancer":   loadBalancer,
	"AWS::EC2::EIP":                             publicAddress,
	"AWS::EC2::Instance":                        instance,
	"AWS::EC2::Subnet":                          subnet,
}

// publicCannedACLs grant reading or writing to anyone, or to any AWS account.
var publicCannedACLs = []string{"PublicRead", "PublicReadWrite", "AuthenticatedRead"}

// blockFlags maps the public access block properties to the shared names.
var blockFlags = map[string]string{
	"BlockPublicAcls":       "block_public_acls",
	"BlockPublicPolicy":     "block_public_policy",
	"IgnorePublicAcls":      "ignore_public_acls",
	"RestrictPublicBuckets": "restrict_public_buckets",
}

func bucket(p props) {
	if p.get("AccessControl") != nil {
		public := p.oneOf("AccessControl", "", publicCannedACLs...)
		p.f.Exposed(cf.PublicACL, public, true)
	}
	if block, ok := p.child("PublicAccessBlockConfiguration"); ok {
		flags := map[string]any{}
		all := cf.True
		for key, name := range blockFlags {
			t, _ := block.tri(key, false)
			flags[name] = t.Value()
			all = all.And(t)
		}
		p.f.Set(cf.PublicAccessBlock, flags)
		if all == cf.True {
			p.f.Internal()
		}
	}
	if p.get("BucketEncryption") != nil {
		p.f.Set(cf.Encrypted, true)
	}
}

func bucketPolicy(p props) {
	if op, ok := p.get("Bucket").(cf.Opaque); ok && op.Reference {
		target := strings.TrimPrefix(strings.TrimPrefix(op.Text, "!Ref "), "!GetAtt ")
		id, _, _ := strings.Cut(target, ".")
		p.f.Set(cf.Bucket, id)
	}
	facts := cf.ReadPolicy(p.get("PolicyDocument"))
	p.f.Exposed(cf.PublicPolicy, facts.PublicPrincipal, false)
}

func ingressRule(p props) []cf.Ingress {
	sources := []any{}
	for _, key := range []string{"CidrIp", "CidrIpv6"} {
		if v := p.get(key); v != nil {
			sources = append(sources, v)
		}
	}
	protocol := p.get("IpProtocol")
	return cf.OpenRules(sources, cf.Port(p.get("FromPort")), cf.Port(p.get("ToPort")), protocol)
}

func securityGroup(p props) {
	rules, unknown := p.children("SecurityGroupIngress")
	var open []cf.Ingress
	for _, r := range rules {
		open = append(open, ingressRule(r)...)
	}
	if unknown {
		open = append(open, cf.UnknownRule())
	}
	p.f.RecordIngress(open)
}

func securityGroupIngress(p props) { p.f.RecordIngress(ingressRule(p)) }

// dbInstance: an instance in an Aurora cluster takes its encryption from the
// cluster, so only a standalone one is read as unencrypted by default.
func dbInstance(p props) {
	if public, explicit := p.tri("PubliclyAccessible", false); explicit {
		p.f.Exposed(cf.PubliclyAccessible, public, true)
	}
	if p.get("DBClusterIdentifier") == nil {
		encrypted, _ := p.tri("StorageEncrypted", false)
		p.f.Set(cf.Encrypted, encrypted.Value())
	}
}

func dbCluster(p props) {
	if public, explicit := p.tri("PubliclyAccessible", false); explicit {
		p.f.Exposed(cf.PubliclyAccessible, public, true)
	}
	encrypted, _ := p.tri("StorageEncrypted", false)
	p.f.Set(cf.Encrypted, encrypted.Value())
}

func redshift(p props) {
	if public, explicit := p.tri("PubliclyAccessible", false); explicit {
		p.f.Exposed(cf.PubliclyAccessible, public, true)
	}
	encrypted, _ := p.tri("Encrypted", false)
	p.f.Set(cf.Encrypted, encrypted.Value())
}

// encryptedFlag reads an encryption property that defaults to off.
func encryptedFlag(name string) func(props) {
	return func(p props) {
		t, _ := p.tri(name, false)
		p.f.Set(cf.Encrypted, t.Value())
	}
}

func iamPolicy(p props) {
	p.f.Wildcards(cf.ReadPolicy(p.get("PolicyDocument")))
}

// iamPrincipal reads the inline policies and managed policy ARNs of a role,
// user or group.
func iamPrincipal(p props) {
	policies, unknown := p.children("Policies")
	var grants cf.PolicyFacts
	if unknown {
		grants = cf.ReadPolicy(cf.Opaque{})
	}
	for _, policy := range policies {
		grants = grants.Or(cf.ReadPolicy(policy.get("PolicyDocument")))
	}
	arns, _ := p.get("ManagedPolicyArns").([]any)
	for _, arn := range arns {
		if s, ok := arn.(string); ok && cf.AdminPolicyARN(s) {
			grants = grants.Or(cf.AdminPolicy)
		}
	}
	if len(policies) > 0 || unknown || grants.Wildcard == cf.True {
		p.f.Wildcards(grants)
	}
}
