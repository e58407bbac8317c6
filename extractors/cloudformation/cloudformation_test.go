package cloudformation

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// want is what a test checks of an item, written unkeyed in the tables.
type want extractortest.Expected

const (
	public   = extractors.ExposurePublic
	internal = extractors.ExposureInternal
	unknown  = extractors.ExposureUnknown
)

func open(cidr any, from, to any, protocol string) map[string]any {
	return map[string]any{"cidr": cidr, "from_port": from, "to_port": to, "protocol": protocol}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		file  string
		wants map[string]want
	}{
		{"storage.yaml", map[string]want{
			"SiteBucket": {10, public, map[string]any{
				"type": "AWS::S3::Bucket", "logical_id": "SiteBucket", "public_acl": true,
			}},
			"SitePolicy": {17, public, map[string]any{"public_policy": true, "bucket": "SiteBucket"}},
			"Archive": {29, internal, map[string]any{
				"encrypted": true,
				"public_access_block": map[string]any{
					"block_public_acls": true, "block_public_policy": true,
					"ignore_public_acls": true, "restrict_public_buckets": true,
				},
			}},
			"Database": {41, unknown, map[string]any{
				"publicly_accessible": "unknown", "encrypted": false,
				"unresolved":  []any{"PubliclyAccessible"},
				"expressions": map[string]any{"PubliclyAccessible": "!Ref Public"},
			}},
			"Admin": {48, unknown, map[string]any{"iam_wildcard": true}},
		}},
		{"network.json", map[string]want{
			"WebSG": {4, public, map[string]any{"open_ingress": []any{
				open("0.0.0.0/0", 443, 443, "tcp"), open("unknown", 22, 22, "tcp"),
			}}},
			"RdpRule": {15, public, map[string]any{
				"open_ingress": []any{open("::/0", 0, 65535, "-1")},
			}},
			"PublicLB":   {23, public, map[string]any{"public_ip": true, "load_balancer": true}},
			"InternalLB": {27, internal, map[string]any{"public_ip": false}},
		}},
		{"api.yaml", map[string]want{
			"Api": {4, public, map[string]any{"endpoint_type": "EDGE"}},
			"GetOrders": {8, unknown, map[string]any{
				"unauthenticated": true, "http_method": "GET", "authorization": "NONE",
			}},
			"PostOrders": {14, unknown, map[string]any{"unauthenticated": false}},
			"HookUrl":    {20, public, map[string]any{"unauthenticated": true}},
			"Hook":       {25, unknown, map[string]any{"type": "AWS::Serverless::Function"}},
		}},
		{"tricky.yaml", map[string]want{
			"Private": {12, internal, map[string]any{"public_acl": false}},
			"Shared":  {17, public, map[string]any{"public_acl": true, "condition": "IsProd"}},
			"Maybe": {23, unknown, map[string]any{
				"public_acl": "unknown", "unresolved": []any{"AccessControl"},
			}},
			"Policy": {27, unknown, map[string]any{"iam_wildcard": "unknown"}},
			"Scoped": {33, unknown, map[string]any{"iam_wildcard": false}},
			"Rules": {42, unknown, map[string]any{"open_ingress": []any{
				open("unknown", "unknown", "unknown", "unknown"),
			}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			file := extractors.File{Path: tt.file, Content: extractortest.Fixture(t, "testdata", tt.file)}
			items, err := New().Extract(file, nil)
			if err != nil {
				t.Fatal(err)
			}
			check(t, tt.file, items, tt.wants)
		})
	}
}

// check compares the resources of a template with those wanted, keyed by
// logical id, and checks the form of their ids.
func check(t *testing.T, file string, got []extractors.Item, wants map[string]want) {
	t.Helper()
	for _, it := range got {
		if it.ID != "cloudformation.resource:"+file+"#"+it.Name ||
			it.Kind != "cloudformation.resource" {
			t.Errorf("item %s of kind %s", it.ID, it.Kind)
		}
	}
	byName := func(it extractors.Item) string { return it.Name }
	extractortest.CheckExpected(t, file, got, byName, wants)
}

func TestNotTemplates(t *testing.T) {
	tests := map[string]string{
		"k8s.yaml":     string(extractortest.Fixture(t, "testdata", "notemplate.yaml")),
		"package.json": `{"name": "x", "dependencies": {"aws-sdk": "2"}}`,
		"broken.yaml":  "a: [\n",
		"compose.yml":  "services:\n  Resources: {Type: 'AWS::nothing'}\n",
	}
	for name, content := range tests {
		items, err := New().Extract(extractors.File{Path: name, Content: []byte(content)}, nil)
		if len(items) != 0 || err != nil {
			t.Errorf("%s: got %d items and error %v, want neither", name, len(items), err)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	tests := []struct {
		name, content string
		ids           []string
		line          int
	}{
		{name: "broken template", content: string(extractortest.Fixture(t, "testdata", "broken.yaml")), line: 9},
		{name: "no resources", line: 1,
			content: "AWSTemplateFormatVersion: '2010-09-09'\nOutputs: {}\n"},
		{name: "resource without type", content: "AWSTemplateFormatVersion: x\nResources:\n" +
			"  A:\n    Type: AWS::EC2::EIP\n  B:\n    Properties: {}\n",
			ids: []string{"cloudformation.resource:t.yaml#A"}, line: 5},
		{name: "second document broken", content: "Resources:\n  A:\n    Type: AWS::EC2::EIP\n" +
			"---\nResources: [\n", ids: []string{"cloudformation.resource:t.yaml#A"}, line: 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := extractors.File{Path: "t.yaml", Content: []byte(tt.content)}
			items, err := New().Extract(file, nil)
			var ids []string
			for _, it := range items {
				ids = append(ids, it.ID)
			}
			if diff := cmp.Diff(tt.ids, ids); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if line := extractortest.ErrorLine(err); line != tt.line {
				t.Errorf("error %v at line %d, want %d", err, line, tt.line)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"template.yaml": true, "infra/stack.yml": true, "cfn/app.json": true,
		"app.template": true, "Stack.YAML": true, "main.tf.json": false, "main.tf": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

// A rule admitting a VPC's or subnet's own range admits none of the
// internet; the intrinsic is still listed with the attribute it reads.
func TestNetworkRangeSources(t *testing.T) {
	tests := []struct {
		name, cidr string
		want       []any
		expression string
	}{
		{"VPC range", "CidrIp: !GetAtt WebVPC.CidrBlock", []any{}, "!GetAtt WebVPC.CidrBlock"},
		{"subnet range, long form", `CidrIp: {"Fn::GetAtt": [AppSubnet, CidrBlock]}`, []any{},
			"!GetAtt AppSubnet.CidrBlock"},
		{"one IPv6 range", "CidrIpv6: !Select [0, !GetAtt WebVPC.Ipv6CidrBlocks]", []any{},
			"!Select [0, !GetAtt WebVPC.Ipv6CidrBlocks]"},
		{"another attribute", "CidrIp: !GetAtt WebVPC.DefaultSecurityGroup",
			[]any{open("unknown", 22, 22, "tcp")}, "!GetAtt WebVPC.DefaultSecurityGroup"},
		{"range of another type", "CidrIp: !GetAtt Peer.CidrBlock",
			[]any{open("unknown", 22, 22, "tcp")}, "!GetAtt Peer.CidrBlock"},
		{"parameter", "CidrIp: !Ref AdminRange",
			[]any{open("unknown", 22, 22, "tcp")}, "!Ref AdminRange"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `Resources:
  WebVPC: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  AppSubnet: {Type: AWS::EC2::Subnet, Properties: {CidrBlock: 10.0.1.0/24}}
  Peer: {Type: Custom::Peer}
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      ` + tt.cidr + "\n"
			items, err := New().Extract(extractors.File{Path: "t.yaml", Content: []byte(src)}, nil)
			if err != nil || len(items) != 4 {
				t.Fatalf("got %v, %v", items, err)
			}
			attrs := items[3].Attributes
			if diff := cmp.Diff(tt.want, attrs["open_ingress"]); diff != "" {
				t.Errorf("open_ingress (-want +got):\n%s", diff)
			}
			exprs, _ := attrs["expressions"].(map[string]any)
			key := "CidrIp"
			if exprs["CidrIpv6"] != nil {
				key = "CidrIpv6"
			}
			if exprs[key] != tt.expression {
				t.Errorf("expressions = %v, want %s: %q", exprs, key, tt.expression)
			}
		})
	}
}

// A subnet that maps public addresses on launch gives its instances one, as
// Terraform's aws_subnet map_public_ip_on_launch does.
func TestSubnetPublicIP(t *testing.T) {
	tests := []struct {
		name, property string
		exposure       extractors.Exposure
		publicIP       any
	}{
		{"maps public addresses", "MapPublicIpOnLaunch: True", public, true},
		{"quoted", `MapPublicIpOnLaunch: "true"`, public, true},
		{"does not", "MapPublicIpOnLaunch: false", internal, false},
		{"parameter", "MapPublicIpOnLaunch: !Ref Public", unknown, "unknown"},
		{"not said", "VpcId: !Ref Vpc", unknown, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "Resources:\n  Net:\n    Type: AWS::EC2::Subnet\n    Properties:\n" +
				"      CidrBlock: 10.0.0.0/24\n      " + tt.property + "\n"
			items, err := New().Extract(extractors.File{Path: "t.yaml", Content: []byte(src)}, nil)
			if err != nil || len(items) != 1 {
				t.Fatalf("got %v, %v", items, err)
			}
			if got := items[0].Exposure; got != tt.exposure {
				t.Errorf("exposure = %s, want %s", got, tt.exposure)
			}
			if got := items[0].Attributes["public_ip"]; got != tt.publicIP {
				t.Errorf("public_ip = %v, want %v", got, tt.publicIP)
			}
		})
	}
}
