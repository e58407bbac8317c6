package engine

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestEmbeddedPoliciesCompile(t *testing.T) {
	eng, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range eng.Rules() {
		ids[r.ID] = true
		if r.Source != builtinSource {
			t.Errorf("%s: source %q, want %q", r.ID, r.Source, builtinSource)
		}
	}
	for _, id := range []string{"TMS-SURFACE-001", "TMS-THREAT-001", "TMS-MITIGATION-001", "TMS-ACCEPT-001"} {
		if !ids[id] {
			t.Errorf("the library has no rule %s", id)
		}
	}
}

const validRule = `package tms.rules.team

# METADATA
# title: Team rule
# description: A rule for the test.
# custom:
#   id: TEAM-001
#   severity: low
#   stride: [tampering]
#   remediation: Do the thing.
deny contains {"rule": "TEAM-001"} if {
	some item in input.surface
	item.kind == "x"
}
`

func TestInvalidPoliciesAreRejected(t *testing.T) {
	tests := []struct {
		name string
		rego string
		want string // a fragment of the error
	}{
		{
			name: "missing metadata",
			rego: "package tms.rules.team\n\ndeny contains 1 if { input.surface }\n",
			want: "team.rego:3: deny rule has no METADATA block: put one directly above it, " +
				"such as\n\t# METADATA\n\t# title: What the rule finds\n",
		},
		{
			name: "deny written as a single value",
			rego: strings.Replace(validRule, "deny contains {\"rule\": \"TEAM-001\"} if", "deny if", 1),
			want: "deny must be a set",
		},
		{
			name: "severity missing",
			rego: strings.Replace(validRule, "#   severity: low\n", "", 1),
			want: `custom.severity ""`,
		},
		{
			name: "severity outside custom",
			rego: strings.Replace(validRule, "# custom:\n#   id: TEAM-001\n#   severity: low\n",
				"# severity: low\n# custom:\n#   id: TEAM-001\n", 1),
			want: `custom.severity "" (expected critical, high, medium, low or info); ` +
				"move severity under custom: (OPA drops unknown keys at the top level of METADATA)",
		},
		{
			name: "unknown severity",
			rego: strings.Replace(validRule, "severity: low", "severity: urgent", 1),
			want: `team.rego:11: rule METADATA is missing or invalid: custom.severity "urgent"`,
		},
		{
			name: "unknown stride category",
			rego: strings.Replace(validRule, "[tampering]", "[tampering, sneaking]", 1),
			want: `custom.stride "sneaking"`,
		},
		{
			name: "duplicate id",
			rego: strings.Replace(validRule, "TEAM-001", "TMS-SURFACE-001", 1),
			want: "rule id TMS-SURFACE-001 is already used",
		},
		{
			name: "typo in an input field",
			rego: strings.Replace(validRule, "input.surface", "input.surfce", 1),
			want: "team.rego:12:15: undefined ref: input.surfce",
		},
		{
			name: "typo in an item field",
			rego: strings.Replace(validRule, "item.kind", "item.knd", 1),
			want: "team.rego:13:2: undefined ref: item.knd\n\titem.knd\n\t     ^\n\t     have: \"knd\"\n" +
				"\t     want (one of): [\"attributes\" \"exposure\" \"fingerprint\" \"id\" \"kind\" ",
		},
		{
			name: "typo in a field of an item",
			rego: strings.Replace(validRule, `item.kind == "x"`, `item.exposur == "public"`, 1),
			want: "team.rego:13:2: undefined ref: item.exposur",
		},
		{
			name: "network access",
			rego: strings.Replace(validRule, `item.kind == "x"`,
				`http.send({"method": "get", "url": "https://example.com"}).status_code == 200`, 1),
			want: "undefined function http.send\n\ttms leaves out the builtins that could reach " +
				"the network, read the environment or answer differently on another run " +
				"(crypto.x509.parse_and_verify_certificates, ",
		},
		{
			name: "every removed builtin named",
			rego: strings.Replace(validRule, `item.kind == "x"`, `net.lookup_ip_addr("example.com")`, 1),
			want: "net.lookup_ip_addr, opa.runtime, rand.intn, time.now_ns, uuid.rfc4122); " +
				"give the rule what it needs in input or data.tms.config",
		},
		{
			name: "reading the clock",
			rego: strings.Replace(validRule, `item.kind == "x"`, `time.now_ns() > 0`, 1),
			want: "undefined function time.now_ns",
		},
		{
			name: "verifying a certificate against the clock",
			rego: strings.Replace(validRule, `item.kind == "x"`,
				`crypto.x509.parse_and_verify_certificates(item.name)[0]`, 1),
			want: "undefined function crypto.x509.parse_and_verify_certificates\n\ttms leaves out",
		},
		{
			name: "syntax error",
			rego: "package tms.rules.team\n\ndeny contains x if {\n",
			want: "custom/team.rego:4: unexpected eof token",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := PolicySource{Dir: "custom", FS: fstest.MapFS{
				"team.rego": {Data: []byte(tt.rego)},
			}}
			opts := Options{Policies: []PolicySource{src}}
			_, err := New(context.Background(), opts)
			if !errors.Is(err, ErrInvalidPolicy) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New: error %v, want ErrInvalidPolicy mentioning %q", err, tt.want)
			}
			// tms policy test refuses what evaluation refuses, before any
			// test runs.
			_, err = RunTests(context.Background(), opts, time.Minute)
			if !errors.Is(err, ErrInvalidPolicy) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("RunTests: error %v, want ErrInvalidPolicy mentioning %q", err, tt.want)
			}
		})
	}
}

func TestTeamSourceWithoutRulesIsRejected(t *testing.T) {
	helper := "package team.helpers\n\nallowed := {\"ghcr.io\"}\n"
	src := PolicySource{Dir: "custom", FS: fstest.MapFS{"helpers.rego": {Data: []byte(helper)}}}
	_, err := New(context.Background(), Options{Policies: []PolicySource{src}})
	if !errors.Is(err, ErrInvalidPolicy) || !strings.Contains(err.Error(), "custom declares no rule") {
		t.Errorf("got %v, want an error saying custom declares no rule", err)
	}
}

func TestValidTeamRuleCompiles(t *testing.T) {
	library, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := PolicySource{Dir: "custom", FS: fstest.MapFS{"team.rego": {Data: []byte(validRule)}}}
	eng, err := New(context.Background(), Options{Policies: []PolicySource{src}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(eng.Rules()), len(library.Rules())+1; got != want {
		t.Errorf("got %d rules, want the library's and TEAM-001: %d", got, want)
	}
}

// TestDocumentedRuleCompiles compiles the example rule of docs/input.md as a
// team rule would be, so the documentation cannot show a rule that fails.
func TestDocumentedRuleCompiles(t *testing.T) {
	doc, err := os.ReadFile("../docs/input.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```rego\n")
	rule, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/input.md has no rego block")
	}
	src := PolicySource{Dir: "docs", FS: fstest.MapFS{"team.rego": {Data: []byte(rule)}}}
	eng, err := New(context.Background(), Options{Policies: []PolicySource{src}})
	if err != nil {
		t.Fatalf("the documented rule does not compile: %v", err)
	}
	findings, err := eng.Evaluate(context.Background(), exampleInput(t), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Rule == "TEAM-CONTAINER-001" {
			return
		}
	}
	t.Error("the documented rule found no image running as root in the example repository")
}

func TestEvaluationHasATimeout(t *testing.T) {
	slow := strings.Replace(validRule, `item.kind == "x"`,
		`count([n | some n in numbers.range(1, 50000000); n % 7 == 0]) > count(item.kind)`, 1)
	src := PolicySource{Dir: "custom", FS: fstest.MapFS{"team.rego": {Data: []byte(slow)}}}
	eng, err := New(context.Background(), Options{Policies: []PolicySource{src}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = eng.Evaluate(context.Background(), exampleInput(t), 50*time.Millisecond)
	want := "policy evaluation did not finish within 50ms (see --timeout): " +
		"the rules of package tms.rules.team (custom/team.rego) did not finish on their own"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// When the packages are slow only together, the message still names the
// package to look at first: the slowest one.
func TestTimeoutNamesTheSlowestPackage(t *testing.T) {
	slow := strings.Replace(validRule, `item.kind == "x"`,
		`count([n | some n in numbers.range(1, 20000); n % 7 == 0]) > count(item.kind)`, 1)
	src := PolicySource{Dir: "custom", FS: fstest.MapFS{"team.rego": {Data: []byte(slow)}}}
	eng, err := New(context.Background(), Options{Policies: []PolicySource{src}})
	if err != nil {
		t.Fatal(err)
	}
	value, err := inputValue(exampleInput(t))
	if err != nil {
		t.Fatal(err)
	}
	err = eng.timeoutError(context.Background(), value, time.Minute)
	want := "policy evaluation did not finish within 1m0s (see --timeout): no rule package is " +
		"that slow on its own; the slowest is tms.rules.team (custom/team.rego), "
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got  %v\nwant %s...", err, want)
	}
}

func TestRunTestsRunsTheLibraryAndTeamTests(t *testing.T) {
	teamTest := `package tms.rules.team_test

import data.tms.rules.team

test_reports_kind_x if {
	count(team.deny) == 1 with input as {"surface": [{"kind": "x"}]}
}

test_fails_on_purpose if {
	count(team.deny) == 2 with input as {"surface": [{"kind": "x"}]}
}
`
	src := PolicySource{Dir: "custom", FS: fstest.MapFS{
		"team.rego":      {Data: []byte(validRule)},
		"team_test.rego": {Data: []byte(teamTest)},
	}}
	results, err := RunTests(context.Background(), Options{Policies: []PolicySource{src}}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	outcome := map[string]bool{}
	library := 0
	for _, r := range results {
		outcome[r.Name] = r.Passed
		if strings.HasPrefix(r.Location, "policies/") {
			library++
		}
	}
	if !outcome["test_reports_kind_x"] || outcome["test_fails_on_purpose"] {
		t.Errorf("team test outcomes = %v", outcome)
	}
	if library < 30 {
		t.Errorf("ran %d library tests, want all of them", library)
	}
}

// TestPolicyDocsListEveryRule keeps the summary table of docs/policies.md in
// step with the library.
func TestPolicyDocsListEveryRule(t *testing.T) {
	doc, err := os.ReadFile("../docs/policies.md")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range eng.Rules() {
		if !strings.Contains(string(doc), "| `"+r.ID+"` |") {
			t.Errorf("docs/policies.md has no row for %s (%s)", r.ID, r.Title)
		}
	}
}

// TestLibraryRulesPointToReferences keeps every built-in rule's METADATA
// complete: a reviewer needs somewhere to read more (CWE, OWASP, vendor docs).
func TestLibraryRulesPointToReferences(t *testing.T) {
	eng, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range eng.Rules() {
		if len(r.References) == 0 {
			t.Errorf("%s (%s) has no related_resources", r.ID, r.Location)
		}
	}
}

// The decision collects data.tms.rules[area].deny only: each of these would
// be listed, or look valid, and never report a finding.
func TestRulesThatWouldNeverRunAreRejected(t *testing.T) {
	tests := []struct {
		name string
		rego string
		want string
	}{
		{"deny one package too deep",
			strings.Replace(validRule, "package tms.rules.team", "package tms.rules.payments.api", 1),
			"other.rego:11: deny at data.tms.rules.payments.api.deny never runs: tms collects findings " +
				"only from `deny` in a package tms.rules.<area>, one level deep; " +
				"declare it in package tms.rules.payments_api"},
		{"deny outside tms.rules",
			strings.Replace(validRule, "package tms.rules.team", "package tms.rule.x", 1),
			"other.rego:11: deny at data.tms.rule.x.deny never runs"},
		{"deny under a head path",
			strings.Replace(strings.Replace(validRule, "package tms.rules.team", "package tms.rules", 1),
				"deny contains", "payments.deny contains", 1),
			"declare it in package tms.rules.payments"},
		{"rule id on a rule that is not deny",
			strings.Replace(validRule, "deny contains", "violation contains", 1),
			"other.rego:11: custom.id TEAM-001 is on violation, which is not a `deny` rule"},
		{"rule id in a package block",
			"# METADATA\n# title: Team\n# custom:\n#   id: TEAM-009\npackage tms.rules.other\n\nx := 1\n",
			"other.rego:1: custom.id TEAM-009 is in a METADATA block of scope package"},
		{"second deny body without its own block",
			strings.Replace(validRule, "package tms.rules.team", "package tms.rules.other", 1) +
				"\ndeny contains {\"rule\": \"TEAM-002\"} if {\n\tsome item in input.surface\n}\n",
			"other.rego:16: deny rule has no METADATA block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := PolicySource{Dir: "custom", FS: fstest.MapFS{
				"team.rego":  {Data: []byte(validRule)},
				"other.rego": {Data: []byte(strings.ReplaceAll(tt.rego, "TEAM-001", "TEAM-OTHER-001"))},
			}}
			_, err := New(context.Background(), Options{Policies: []PolicySource{src}})
			want := strings.ReplaceAll(tt.want, "TEAM-001", "TEAM-OTHER-001")
			if !errors.Is(err, ErrInvalidPolicy) || !strings.Contains(err.Error(), want) {
				t.Fatalf("error %v, want one containing %q", err, want)
			}
		})
	}
}
