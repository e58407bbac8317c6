package cloudfacts

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadPolicy(t *testing.T) {
	tests := []struct {
		name string
		doc  any
		want PolicyFacts
	}{
		{"none", nil, PolicyFacts{False, False, False}},
		{"public read", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
			"Resource":"arn:aws:s3:::b/*"}]}`, PolicyFacts{True, False, False}},
		{"aws star in a list", map[string]any{"Statement": map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"AWS": []any{"arn:aws:iam::1:root", "*"}},
			"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
		}}, PolicyFacts{True, False, False}},
		{"deny is not a grant",
			`{"Statement":{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}}`,
			PolicyFacts{False, False, False}},
		{"condition narrows the principal", `{"Statement":{"Effect":"Allow","Principal":"*",
			"Action":"s3:GetObject","Resource":"x",
			"Condition":{"StringEquals":{"aws:SourceVpce":"v"}}}}`,
			PolicyFacts{Unknown, False, False}},
		{"service wildcard", `{"Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":"x"}]}`,
			PolicyFacts{False, True, True}},
		{"resource wildcard", `{"Statement":[{"Action":"logs:PutLogEvents","Resource":"*"}]}`,
			PolicyFacts{False, True, False}},
		{"actions that only take every resource", `{"Statement":[{"Effect":"Allow",
			"Action":["ec2:Describe*","logs:CreateLogGroup"],"Resource":"*"}]}`,
			PolicyFacts{False, True, False}},
		{"one statement of each", `{"Statement":[{"Action":"ec2:DescribeVpcs","Resource":"*"},
			{"Action":"s3:*","Resource":"arn:aws:s3:::b"}]}`, PolicyFacts{False, True, True}},
		{"not action", `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"x"}]}`,
			PolicyFacts{False, True, True}},
		{"not resource", `{"Statement":[{"Action":"s3:GetObject","NotResource":"x"}]}`,
			PolicyFacts{False, True, False}},
		{"not json", "policy.json", PolicyFacts{Unknown, Unknown, Unknown}},
		{"opaque document", Opaque{Text: "var.policy"}, PolicyFacts{Unknown, Unknown, Unknown}},
		{"reference resource", map[string]any{"Statement": []any{map[string]any{
			"Effect": "Allow", "Action": "s3:GetObject",
			"Resource": Opaque{Text: "x", Reference: true},
		}}}, PolicyFacts{False, False, False}},
		{"variable resource", map[string]any{"Statement": []any{map[string]any{
			"Effect": "Allow", "Action": "s3:GetObject", "Resource": Opaque{Text: "var.arn"},
		}}}, PolicyFacts{False, Unknown, False}},
		{"templated effect", `{"Statement":[{"Effect":"${var.effect}","Action":"*","Resource":"x"}]}`,
			PolicyFacts{False, Unknown, Unknown}},
	}
	for _, tt := range tests {
		if got := ReadPolicy(tt.doc); got != tt.want {
			t.Errorf("%s: ReadPolicy = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestMatchTemplate(t *testing.T) {
	tests := []struct {
		s      string
		action bool
		want   Tri
	}{
		{s: "${aws_s3_bucket.b.arn}/*", want: False},
		{s: "${aws_s3_bucket.b.arn}", want: False},
		{s: "${var.arn}", want: Unknown},
		{s: "arn:aws:s3:::${var.bucket}", want: Unknown},
		{s: "${var.service}:*", action: true, want: True},
		{s: "s3:${var.action}", action: true, want: Unknown},
		{s: "s3:Get${var.x}Object", action: true, want: False},
	}
	for _, tt := range tests {
		match := wildResource
		if tt.action {
			match = wildAction
		}
		if got := matchTemplate(tt.s, match); got != tt.want {
			t.Errorf("matchTemplate(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestStripInterpolations(t *testing.T) {
	tests := map[string]string{
		"a${b}c":      "ac",
		"%{ if x }y":  "y",
		"$5 and 100%": "$5 and 100%",
		"${unclosed":  "${unclosed",
		"x$":          "x$",
	}
	for in, want := range tests {
		if got := StripInterpolations(in); got != want {
			t.Errorf("StripInterpolations(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPorts(t *testing.T) {
	type pair struct{ From, To any }
	tests := map[any]pair{
		"22": {22, 22}, "8000-8080": {8000, 8080}, "*": {0, 65535}, 443: {443, 443},
		"${var.p}": {"unknown", "unknown"}, 1.5: {"unknown", "unknown"},
	}
	for in, want := range tests {
		from, to := PortRange(in)
		if diff := cmp.Diff(want, pair{from, to}); diff != "" {
			t.Errorf("PortRange(%v) (-want +got):\n%s", in, diff)
		}
	}
}

func TestOpenRules(t *testing.T) {
	vpc := Opaque{Text: "aws_vpc.main.cidr_block", Reference: true, NetworkRange: true}
	got := OpenRules([]any{"0.0.0.0/0", "10.0.0.0/8", Opaque{Text: "var.cidr"}, vpc}, 22, 22, -1)
	want := []Ingress{
		{CIDR: "0.0.0.0/0", From: 0, To: 65535, Protocol: "-1"},
		{CIDR: "unknown", From: 0, To: 65535, Protocol: "-1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("OpenRules (-want +got):\n%s", diff)
	}
}

func TestFactsExposure(t *testing.T) {
	f := NewFacts(map[string]any{})
	f.Exposed(PublicIP, False, true)
	if f.Exposure() != "internal" {
		t.Errorf("stated private: exposure %s", f.Exposure())
	}
	f.Exposed(PublicACL, True, true)
	if f.Exposure() != "public" {
		t.Errorf("public wins: exposure %s", f.Exposure())
	}
	g := NewFacts(map[string]any{})
	g.Exposed(PubliclyAccessible, False, false)
	if g.Exposure() != "unknown" {
		t.Errorf("default private: exposure %s", g.Exposure())
	}
}

// Any range of 0 bits is the whole internet, however it is spelled.
func TestOpenSource(t *testing.T) {
	tests := map[any]Tri{
		"0.0.0.0/0": True, "::/0": True, "0000::/0": True, " ::/0 ": True,
		"0000:0000:0000:0000:0000:0000:0000:0000/0": True, "0.0.0.0/00": True,
		"10.0.0.0/0": True, "0.0.0.0": True, "*": True, "Internet": True,
		"0.0.0.0/1": False, "::/1": False, "10.0.0.0/8": False, "fd00::/8": False,
		"0.0.0.0/0000": True, "0.0.0.0/": False, "/0": False, "x/0": False,
		"${var.cidr}": Unknown, 42: Unknown,
		Opaque{Text: "aws_vpc.main.cidr_block", NetworkRange: true}: False,
	}
	for in, want := range tests {
		if got := OpenSource(in); got != want {
			t.Errorf("OpenSource(%q) = %v, want %v", in, got, want)
		}
	}
}
