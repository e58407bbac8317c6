package terraform

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

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

func list(v ...any) []any { return v }

func extract(t *testing.T, name string) ([]extractors.Item, error) {
	t.Helper()
	file := extractors.File{Path: name, Content: extractortest.Fixture(t, "testdata", name)}
	return New().Extract(file, nil)
}

// check compares items with the wanted ones, keyed by the part of the id
// after the file name.
func check(t *testing.T, file string, got []extractors.Item, wants map[string]want) {
	t.Helper()
	key := func(it extractors.Item) string {
		return it.Kind + ":" + it.ID[len(it.Kind)+1+len(file)+1:]
	}
	extractortest.CheckExpected(t, file, got, key, wants)
}

// lastAttributes extracts a source and returns the attributes of its last
// item, the block a table test is about.
func lastAttributes(t *testing.T, name, src string) map[string]any {
	t.Helper()
	items, err := New().Extract(extractors.File{Path: name, Content: []byte(src)}, nil)
	if err != nil || len(items) == 0 {
		t.Fatalf("got %v, %v", items, err)
	}
	return items[len(items)-1].Attributes
}

func TestExtractAWS(t *testing.T) {
	items, err := extract(t, "aws.tf")
	if err != nil {
		t.Fatal(err)
	}
	r := "terraform.resource:"
	check(t, "aws.tf", items, map[string]want{
		"terraform.provider:aws": {11, internal, map[string]any{
			"source": "hashicorp/aws", "version": "~> 5.40", "pinned": false, "alias": "",
		}},
		"terraform.provider:aws.replica": {15, internal, map[string]any{"alias": "replica"}},
		r + "aws_s3_bucket.reports": {20, public, map[string]any{
			"public_acl": true, "provider": "aws", "count": false, "for_each": false,
		}},
		r + "aws_s3_bucket_acl.reports": {25, public, map[string]any{
			"public_acl": true, "bucket": "aws_s3_bucket.reports",
		}},
		r + "aws_s3_bucket_policy.reports": {30, public, map[string]any{"public_policy": true}},
		r + "aws_s3_bucket_policy.heredoc": {43, public, map[string]any{"public_policy": true}},
		r + "aws_s3_bucket_public_access_block.reports": {60, unknown, map[string]any{
			"public_access_block": map[string]any{
				"block_public_acls": true, "block_public_policy": true,
				"ignore_public_acls": true, "restrict_public_buckets": "unknown",
			},
			"unresolved":  list("restrict_public_buckets"),
			"expressions": map[string]any{"restrict_public_buckets": "var.restrict"},
		}},
		r + "aws_security_group.web": {68, public, map[string]any{"open_ingress": list(
			open("0.0.0.0/0", 443, 443, "tcp"), open("::/0", 22, 22, "tcp"),
		)}},
		r + "aws_security_group_rule.all": {94, public, map[string]any{
			"open_ingress": list(open("0.0.0.0/0", 0, 65535, "-1")),
		}},
		r + "aws_vpc_security_group_ingress_rule.admin": {103, unknown, map[string]any{
			"open_ingress": list(open("unknown", 3389, 3389, "tcp")),
			"unresolved":   list("cidr_ipv4"),
		}},
		r + "aws_lb.front": {111, public, map[string]any{"public_ip": true, "load_balancer": true}},
		r + "aws_lb.back":  {116, internal, map[string]any{"public_ip": false}},
		r + "aws_eip.nat":  {120, public, map[string]any{"public_ip": true}},
		r + "aws_db_instance.orders": {122, public, map[string]any{
			"publicly_accessible": true, "encrypted": false,
		}},
		r + "aws_db_instance.ledger": {127, internal, map[string]any{
			"publicly_accessible": false, "encrypted": true,
		}},
		r + "aws_iam_policy.admin": {133, unknown, map[string]any{"iam_wildcard": true}},
		r + "aws_iam_role_policy.reader": {139, unknown, map[string]any{
			"policy_document": "data.aws_iam_policy_document.reader", "iam_wildcard": nil,
		}},
		"terraform.data:aws_iam_policy_document.reader": {144, unknown, map[string]any{
			"iam_wildcard": false, "public_policy": false,
		}},
		"terraform.data:aws_iam_policy_document.open": {151, unknown, map[string]any{
			"iam_wildcard": true, "public_policy": true,
		}},
		r + "aws_api_gateway_method.get": {163, unknown, map[string]any{
			"unauthenticated": true, "authorization": "NONE", "http_method": "GET",
		}},
		r + "aws_lambda_function_url.hook": {168, public, map[string]any{"unauthenticated": false}},
		"terraform.module:vpc": {173, internal, map[string]any{
			"source": "terraform-aws-modules/vpc/aws", "version": "5.8.1",
			"source_type": "registry", "pinned": true, "local": false,
		}},
		"terraform.module:cdn": {178, internal, map[string]any{
			"source_type": "git", "pinned": false,
		}},
		"terraform.module:dns": {182, internal, map[string]any{
			"source_type": "git", "pinned": true,
		}},
		"terraform.module:network": {186, internal, map[string]any{"local": true, "pinned": true}},
		r + "aws_subnet.public":    {190, public, map[string]any{"public_ip": true}},
		r + "aws_subnet.private":   {195, unknown, map[string]any{"public_ip": nil}},
		r + "aws_iam_role_policy_attachment.admin": {199, unknown, map[string]any{
			"iam_wildcard": true,
		}},
		// A policy of the configuration has its own item to judge.
		r + "aws_iam_user_policy_attachment.own": {204, unknown, map[string]any{
			"iam_wildcard": false,
		}},
		r + "aws_iam_group_policy_attachment.chosen": {209, unknown, map[string]any{
			"iam_wildcard": "unknown", "unresolved": list("policy_arn"),
		}},
		r + "aws_iam_policy_attachment.read": {214, unknown, map[string]any{"iam_wildcard": false}},
		// EKS makes the API endpoint public to 0.0.0.0/0 unless told otherwise.
		r + "aws_eks_cluster.default": {219, public, map[string]any{
			"open_ingress": list(open("0.0.0.0/0", 443, 443, "tcp")),
		}},
		r + "aws_eks_cluster.office": {227, public, map[string]any{
			"open_ingress": list(open("0.0.0.0/0", 443, 443, "tcp")),
		}},
		r + "aws_eks_cluster.private": {237, internal, map[string]any{"open_ingress": []any{}}},
	})
}

func TestExtractGoogle(t *testing.T) {
	items, err := extract(t, "gcp.tf")
	if err != nil {
		t.Fatal(err)
	}
	r := "terraform.resource:"
	check(t, "gcp.tf", items, map[string]want{
		r + "google_storage_bucket.assets": {1, unknown, map[string]any{"provider": "google"}},
		r + "google_storage_bucket_iam_member.assets_public": {6, public, map[string]any{
			"public_policy": true, "bucket": "google_storage_bucket.assets",
		}},
		r + "google_storage_bucket.private": {12, internal, nil},
		r + "google_compute_firewall.ssh": {17, public, map[string]any{"open_ingress": list(
			open("0.0.0.0/0", 22, 22, "tcp"), open("0.0.0.0/0", 8000, 8080, "tcp"),
		)}},
		r + "google_compute_firewall.internal": {27, unknown, map[string]any{
			"open_ingress": []any{},
		}},
		r + "google_compute_firewall.egress": {36, unknown, map[string]any{"open_ingress": nil}},
		r + "google_compute_address.ip":      {43, public, map[string]any{"public_ip": true}},
		r + "google_compute_instance.vm":     {47, public, map[string]any{"public_ip": true}},
		r + "google_sql_database_instance.db": {55, public, map[string]any{
			"publicly_accessible": true,
		}},
		r + "google_project_iam_member.ci": {69, unknown, map[string]any{"iam_wildcard": true}},
		r + "google_container_cluster.open": {75, public, map[string]any{
			"open_ingress": list(open("0.0.0.0/0", 443, 443, "tcp")),
		}},
		// Without authorised networks, any address reaches the control plane.
		r + "google_container_cluster.default": {89, public, map[string]any{
			"open_ingress": list(open("0.0.0.0/0", 443, 443, "tcp")),
		}},
		r + "google_container_cluster.private": {93, internal, map[string]any{
			"open_ingress": []any{},
		}},
	})
}

func TestExtractAzure(t *testing.T) {
	items, err := extract(t, "azure.tf")
	if err != nil {
		t.Fatal(err)
	}
	r := "terraform.resource:"
	check(t, "azure.tf", items, map[string]want{
		r + "azurerm_network_security_group.web": {1, public, map[string]any{
			"open_ingress": list(open("*", 3389, 3389, "Tcp")),
		}},
		r + "azurerm_network_security_rule.https": {29, public, map[string]any{"open_ingress": list(
			open("Internet", 443, 443, "Tcp"), open("Internet", 8443, 8443, "Tcp"),
		)}},
		r + "azurerm_public_ip.lb": {39, public, map[string]any{"public_ip": true}},
		r + "azurerm_storage_account.logs": {44, public, map[string]any{
			"public_acl": true, "publicly_accessible": true,
		}},
		r + "azurerm_storage_container.logs": {50, public, map[string]any{"public_acl": true}},
		r + "azurerm_mssql_server.sql": {55, internal, map[string]any{
			"publicly_accessible": false,
		}},
		r + "azurerm_mssql_firewall_rule.all": {60, public, map[string]any{
			"publicly_accessible": true,
		}},
		r + "azurerm_role_definition.god": {66, unknown, map[string]any{"iam_wildcard": true}},
	})
}

func TestExtractUnresolved(t *testing.T) {
	items, err := extract(t, "tricky.tf")
	if err != nil {
		t.Fatal(err)
	}
	r := "terraform.resource:"
	u := "unknown"
	check(t, "tricky.tf", items, map[string]want{
		r + "aws_security_group.dynamic": {8, unknown, map[string]any{
			"open_ingress": list(open(u, u, u, u)), "unresolved": list("ingress"),
		}},
		r + "aws_security_group.listed": {20, public, map[string]any{
			"open_ingress": list(open("0.0.0.0/0", 6379, 6379, "tcp")),
		}},
		r + "aws_security_group.variable": {30, unknown, map[string]any{
			"open_ingress": list(open(u, u, u, u)),
			"expressions":  map[string]any{"ingress": "var.ingress"},
		}},
		r + "aws_db_instance.replicas": {34, unknown, map[string]any{
			"publicly_accessible": u, "encrypted": false, "for_each": true,
			"expressions": map[string]any{"publicly_accessible": "local.public"},
		}},
		r + "aws_s3_bucket_acl.maybe": {40, unknown, map[string]any{
			"public_acl": u, "bucket": "", "unresolved": list("acl"),
		}},
		r + "aws_lb.maybe":             {45, unknown, map[string]any{"public_ip": u}},
		r + "aws_iam_policy.templated": {49, unknown, map[string]any{"iam_wildcard": u}},
		r + "aws_iam_policy.services":  {53, unknown, map[string]any{"iam_wildcard": true}},
		r + "aws_apigatewayv2_route.default": {63, unknown, map[string]any{
			"unauthenticated": true, "route_key": "$default",
		}},
		r + "aws_eip.odd": {67, public, map[string]any{"count": true}},
	})
}

func TestExtractJSON(t *testing.T) {
	items, err := extract(t, "main.tf.json")
	if err != nil {
		t.Fatal(err)
	}
	check(t, "main.tf.json", items, map[string]want{
		"terraform.resource:aws_security_group.db": {4, public, map[string]any{
			"open_ingress": list(open("0.0.0.0/0", 5432, 5432, "tcp")),
		}},
		"terraform.resource:aws_s3_bucket_policy.site": {16, public, map[string]any{
			"public_policy": true, "bucket": "aws_s3_bucket.site",
		}},
		"terraform.resource:aws_db_instance.main": {22, unknown, map[string]any{
			"count": true, "publicly_accessible": "unknown",
			"expressions": map[string]any{"publicly_accessible": "${var.public}"},
		}},
		"terraform.module:web": {29, internal, map[string]any{
			"source_type": "registry", "version": ">= 1.0", "pinned": false,
		}},
		"terraform.provider:google": {36, internal, map[string]any{
			"source": "hashicorp/google", "version": "= 6.1.0", "pinned": true,
		}},
	})
}

func TestExtractErrors(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		content string
		ids     []string
		line    int
	}{
		{name: "broken block keeps what came before and after", path: "broken.tf", line: 9,
			ids: []string{
				"terraform.resource:broken.tf#aws_db_instance.after",
				"terraform.resource:broken.tf#aws_instance.script",
				"terraform.resource:broken.tf#aws_s3_bucket.kept",
				"terraform.resource:broken.tf#aws_security_group.cut",
			}},
		{name: "error in a variable", path: "x.tf", line: 3, content: "variable \"a\" {\n  default = [1\n}\n\n" +
			"resource \"aws_eip\" \"b\" {\n}\n", ids: []string{"terraform.resource:x.tf#aws_eip.b"}},
		{name: "unclosed block at the end", path: "x.tf", content: "resource \"aws_eip\" \"a\" {\n",
			line: 1, ids: []string{"terraform.resource:x.tf#aws_eip.a"}},
		{name: "wrong label count", path: "x.tf", content: "\n\nresource \"aws_eip\" {}\n", line: 3},
		{name: "broken JSON", path: "x.tf.json", content: "{\n  \"resource\": [\n}", line: 3},
		{name: "empty", path: "x.tf", content: ""},
		{name: "only variables", path: "x.tf", content: "variable \"a\" {}\nlocals {\n  b = 1\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte(tt.content)
			if tt.content == "" && tt.path == "broken.tf" {
				content = extractortest.Fixture(t, "testdata", tt.path)
			}
			items, err := New().Extract(extractors.File{Path: tt.path, Content: content}, nil)
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

func TestClassifySource(t *testing.T) {
	tests := []struct {
		file, source, version string
		want                  moduleSource
	}{
		{"main.tf", "./modules/vpc", "", moduleSource{"local", true}},
		{"env/prod/main.tf", "../../modules/vpc", "", moduleSource{"local", true}},
		{"main.tf", "../outside", "", moduleSource{"local", false}},
		{"main.tf", "hashicorp/consul/aws", "0.11.0", moduleSource{"registry", true}},
		{"main.tf", "hashicorp/consul/aws", "~> 0.11", moduleSource{"registry", false}},
		{"main.tf", "app.terraform.io/acme/vpc/aws", "= 1.2.3", moduleSource{"registry", true}},
		{"main.tf", "github.com/acme/mod?ref=v1.0.0", "", moduleSource{"git", false}},
		{"main.tf", "git@github.com:acme/mod.git?ref=0123456789abcdef0123456789abcdef01234567",
			"", moduleSource{"git", true}},
		{"main.tf", "git::https://example.com/mod.git//sub?ref=main", "", moduleSource{"git", false}},
		{"main.tf", "https://example.com/mod.zip", "", moduleSource{"other", false}},
		{"main.tf", "", "", moduleSource{"other", false}},
	}
	for _, tt := range tests {
		if got := classifySource(tt.file, tt.source, tt.version); got != tt.want {
			t.Errorf("classifySource(%q, %q, %q) = %+v, want %+v",
				tt.file, tt.source, tt.version, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"main.tf": true, "infra/override.tf": true, "main.tf.json": true,
		"main.tfvars": false, "terraform.tfstate": false, "main.tf.bak": false, "tf": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

// Each fact that holds records the line of the argument or block that states
// it, so that a finding points there rather than at the resource's first line.
func TestFactLines(t *testing.T) {
	tests := []struct {
		file, item string
		want       map[string]any
	}{
		{"aws.tf", "aws_s3_bucket.reports", map[string]any{"public_acl": 22}},
		{"aws.tf", "aws_s3_bucket_policy.reports", map[string]any{"public_policy": 32}},
		// The first ingress block open to the internet, not the egress one.
		{"aws.tf", "aws_security_group.web", map[string]any{"open_ingress": 71}},
		{"aws.tf", "aws_security_group_rule.all", map[string]any{"open_ingress": 99}},
		{"aws.tf", "aws_lb.front", map[string]any{"public_ip": 113}},
		{"aws.tf", "aws_db_instance.orders", map[string]any{"publicly_accessible": 124}},
		{"aws.tf", "aws_iam_policy.admin", map[string]any{"iam_wildcard": 134}},
		{"aws.tf", "aws_subnet.public", map[string]any{"public_ip": 192}},
		{"aws.tf", "aws_iam_role_policy_attachment.admin", map[string]any{"iam_wildcard": 201}},
		{"aws.tf", "aws_eks_cluster.office", map[string]any{"open_ingress": 233}},
		// The default opens the endpoint without a line to point at.
		{"aws.tf", "aws_eks_cluster.default", nil},
		{"gcp.tf", "google_container_cluster.open", map[string]any{"open_ingress": 82}},
		{"aws.tf", "data.aws_iam_policy_document.open",
			map[string]any{"iam_wildcard": 152, "public_policy": 152}},
		// Google applies the source range to every allow block.
		{"gcp.tf", "google_compute_firewall.ssh", map[string]any{"open_ingress": 24}},
		{"gcp.tf", "google_sql_database_instance.db", map[string]any{"publicly_accessible": 63}},
		{"azure.tf", "azurerm_storage_account.logs",
			map[string]any{"public_acl": 46, "publicly_accessible": 47}},
		{"azure.tf", "azurerm_network_security_rule.https", map[string]any{"open_ingress": 35}},
		{"main.tf.json", "aws_security_group.db", map[string]any{"open_ingress": 5}},
		// A stated false is nothing to point at.
		{"aws.tf", "aws_s3_bucket_public_access_block.reports", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.item, func(t *testing.T) {
			items, err := extract(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				if it.Name != tt.item {
					continue
				}
				got, _ := it.Attributes["lines"].(map[string]any)
				if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("lines (-want +got):\n%s", diff)
				}
				return
			}
			t.Fatalf("no item %s in %s", tt.item, tt.file)
		})
	}
}

// A list with an element that is not literal is as unresolved as an
// argument that is not literal at all: both are listed with their
// expression, so a reader sees what tms could not evaluate.
func TestUnresolvedListElements(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            map[string]any
	}{
		{"variable in a nested block", "sg.tf", `resource "aws_security_group" "x" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}`, map[string]any{"ingress.cidr_blocks": "[var.cidr]"}},
		{"variable beside a literal", "rule.tf", `resource "aws_security_group_rule" "x" {
  type        = "ingress"
  cidr_blocks = ["10.0.0.0/8", var.extra]
}`, map[string]any{"cidr_blocks": `["10.0.0.0/8", var.extra]`}},
		{"local among members", "iam.tf", `resource "google_storage_bucket_iam_binding" "x" {
  members = ["user:ann@example.com", local.public]
}`, map[string]any{"members": `["user:ann@example.com", local.public]`}},
		{"JSON syntax", "sg.tf.json", `{"resource": {"aws_security_group_rule": {"x": {
  "type": "ingress", "cidr_blocks": ["${var.cidr}"]}}}}`,
			map[string]any{"cidr_blocks": `["${var.cidr}"]`}},
		{"literal list", "lit.tf", `resource "aws_security_group_rule" "x" {
  type        = "ingress"
  cidr_blocks = ["0.0.0.0/0"]
}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			attrs := lastAttributes(t, tt.file, tt.src)
			got, _ := attrs["expressions"].(map[string]any)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("expressions (-want +got):\n%s", diff)
			}
			var names []any
			for name := range tt.want {
				names = append(names, name)
			}
			gotNames, _ := attrs["unresolved"].([]any)
			if diff := cmp.Diff(names, gotNames, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("unresolved (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProviderLocked(t *testing.T) {
	config := `terraform {
  required_providers {
    aws    = { source = "hashicorp/aws", version = ">= 5.0" }
    google = { source = "hashicorp/google" }
  }
}
provider "random" {}
provider "azurerm" {}
`
	lock := `provider "registry.terraform.io/hashicorp/aws" {
  version = "5.40.0"
}
provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.2"
}
`
	tests := []struct {
		name string
		repo extractors.Repo
		want map[string]bool
	}{
		{"lock file beside the configuration", extractortest.Files[string]{"infra/.terraform.lock.hcl": lock},
			map[string]bool{"aws": true, "google": false, "random": true, "azurerm": false}},
		{"lock file of another directory", extractortest.Files[string]{".terraform.lock.hcl": lock},
			map[string]bool{"aws": false, "google": false, "random": false, "azurerm": false}},
		{"lock file that does not parse", extractortest.Files[string]{"infra/.terraform.lock.hcl": "provider {"},
			map[string]bool{"aws": false, "google": false, "random": false, "azurerm": false}},
		{"no repository", nil,
			map[string]bool{"aws": false, "google": false, "random": false, "azurerm": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := extractors.File{Path: "infra/main.tf", Content: []byte(config)}
			items, err := New().Extract(file, tt.repo)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, it := range items {
				got[it.Attributes["name"].(string)] = it.Attributes["locked"].(bool)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("locked by provider (-want +got):\n%s", diff)
			}
		})
	}
}

// A block read again after a syntax error keeps the lines and the source
// text of the whole file.
func TestRecoveredBlockPositions(t *testing.T) {
	items, err := extract(t, "broken.tf")
	if extractortest.ErrorLine(err) != 9 {
		t.Fatalf("error %v, want one at line 9", err)
	}
	for _, it := range items {
		if it.Name != "aws_db_instance.after" {
			continue
		}
		want := map[string]any{
			"lines":       map[string]any{"publicly_accessible": 22},
			"expressions": map[string]any{"publicly_accessible": "var.public"},
		}
		for name, v := range want {
			if diff := cmp.Diff(v, it.Attributes[name]); diff != "" {
				t.Errorf("%s (-want +got):\n%s", name, diff)
			}
		}
		if it.Location.Line != 21 {
			t.Errorf("at line %d, want 21", it.Location.Line)
		}
		return
	}
	t.Error("aws_db_instance.after not read")
}

// A resource with count or for_each is referred to through an index; the
// index names an instance of the same resource, so the facts still pair
// an ACL or a policy with its bucket.
func TestIndexedReferences(t *testing.T) {
	tests := []struct{ name, ref, fact, want string }{
		{"plain", "aws_s3_bucket.site.id", "bucket", "aws_s3_bucket.site"},
		{"count index", "aws_s3_bucket.site[0].id", "bucket", "aws_s3_bucket.site"},
		{"string key", `aws_s3_bucket.site["a.b"].id`, "bucket", "aws_s3_bucket.site"},
		{"each key", "aws_s3_bucket.site[each.key].id", "bucket", "aws_s3_bucket.site"},
		{"interpolated", `"${aws_s3_bucket.site[1].id}"`, "bucket", "aws_s3_bucket.site"},
		{"splat", "aws_s3_bucket.site[*].id", "bucket", ""},
		{"data source", "data.aws_iam_policy_document.getonly[0].json", "policy_document",
			"data.aws_iam_policy_document.getonly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arg := "bucket"
			if tt.fact == "policy_document" {
				arg = "policy"
			}
			src := `resource "aws_s3_bucket_policy" "x" {
  ` + arg + ` = ` + tt.ref + `
}`
			got, _ := lastAttributes(t, "ref.tf", src)[tt.fact].(string)
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.fact, got, tt.want)
			}
		})
	}
}

// A rule that admits a VPC's or subnet's own range admits none of the
// internet, whatever the range's value; a variable may hold anything.
func TestNetworkRangeSources(t *testing.T) {
	u := "unknown"
	tests := []struct {
		name, file, src string
		want            []any
	}{
		{"interpolated in a list", "sg.tf", `resource "aws_security_group" "x" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["${aws_vpc.web_vpc.cidr_block}"]
  }
}`, list()},
		{"attribute of a rule", "rule.tf", `resource "aws_vpc_security_group_ingress_rule" "x" {
  cidr_ipv4   = aws_vpc.main.cidr_block
  from_port   = 443
  to_port     = 443
  ip_protocol = "tcp"
}`, list()},
		{"subnets of a count", "rule.tf", `resource "aws_security_group_rule" "x" {
  type        = "ingress"
  from_port   = 5432
  to_port     = 5432
  protocol    = "tcp"
  cidr_blocks = aws_subnet.private[*].cidr_block
}`, list()},
		{"data source", "rule.tf", `resource "aws_security_group_rule" "x" {
  type             = "ingress"
  ipv6_cidr_blocks = [data.aws_vpc.selected.ipv6_cidr_block]
}`, list()},
		{"JSON syntax", "sg.tf.json", `{"resource": {"aws_security_group_rule": {"x": {
  "type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp",
  "cidr_blocks": ["${aws_vpc.main.cidr_block}", "${var.cidr}"]}}}}`,
			list(open(u, 22, 22, "tcp"))},
		{"another attribute", "rule.tf", `resource "aws_security_group_rule" "x" {
  type        = "ingress"
  from_port   = 22
  to_port     = 22
  protocol    = "tcp"
  cidr_blocks = [aws_vpc.main.tags.range]
}`, list(open(u, 22, 22, "tcp"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lastAttributes(t, tt.file, tt.src)["open_ingress"]
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("open_ingress (-want +got):\n%s", diff)
			}
		})
	}
}
