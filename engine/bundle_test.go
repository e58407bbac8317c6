package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// orgRule reports every surface item of kind "x", and reads its message
// from the bundle's data, so the test sees bundle data reach the rules.
const orgRule = `package tms.rules.org

import data.tms.lib

# METADATA
# title: Org rule
# description: A rule an organisation ships in a bundle.
# custom:
#   id: ORG-X-001
#   severity: medium
#   stride: [tampering]
#   remediation: Do the thing.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"message": data.tms.rules.org.message,
	"location": {"path": item.location.path, "line": 1},
}) if {
	some item in input.surface
	item.kind == "dependency"
}
`

func orgBundle(overridable ...any) Bundle {
	return Bundle{
		Ref:      "org.tar.gz",
		Revision: "r1",
		Roots:    []string{"tms/rules/org"},
		Policies: fstest.MapFS{"org.rego": {Data: []byte(orgRule)}},
		Data: map[string]any{"tms": map[string]any{"rules": map[string]any{"org": map[string]any{
			"message":     "from the bundle",
			"overridable": overridable,
		}}}},
	}
}

func TestBundleRulesAreLoadedAndMarked(t *testing.T) {
	eng, err := New(context.Background(), Options{Bundles: []Bundle{orgBundle()}})
	if err != nil {
		t.Fatal(err)
	}
	r := eng.rules["ORG-X-001"]
	if r.Source != "bundle:org.tar.gz@r1" || r.Bundle != "org.tar.gz" || r.Revision != "r1" {
		t.Errorf("rule source %q bundle %q revision %q", r.Source, r.Bundle, r.Revision)
	}
	findings, err := eng.Evaluate(context.Background(), exampleInput(t), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !slicesHasRule(findings, "ORG-X-001", "from the bundle") {
		t.Errorf("no ORG-X-001 finding with the bundle's message in %v", findings)
	}
}

func slicesHasRule(findings []Finding, rule, message string) bool {
	for _, f := range findings {
		if f.Rule == rule && f.Message == message {
			return true
		}
	}
	return false
}

func TestBundleLayeringErrors(t *testing.T) {
	other := orgBundle()
	other.Ref, other.Roots = "other.tar.gz", []string{"tms/rules/org/more"}
	wide := orgBundle()
	wide.Roots = []string{"tms/rules/org", "tms/lib"}
	config := orgBundle()
	config.Roots = []string{"tms/config/x"}
	outside := orgBundle()
	outside.Roots = []string{"tms/rules/elsewhere"}
	team := PolicySource{Dir: "team", FS: fstest.MapFS{"t.rego": {Data: []byte(
		"package tms.rules\n\norg.message := \"mine\"\n")}, "rule.rego": {Data: []byte(validRule)}}}

	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"overlapping bundles", Options{Bundles: []Bundle{orgBundle(), other}},
			"bundle org.tar.gz and bundle other.tar.gz overlap: roots \"tms/rules/org\" and \"tms/rules/org/more\""},
		{"root over the library", Options{Bundles: []Bundle{wide}},
			"the built-in library and bundle org.tar.gz overlap: roots \"tms/lib\" and \"tms/lib\""},
		{"root over the settings", Options{Bundles: []Bundle{config}},
			"the repository's settings (data.tms.config) and bundle org.tar.gz overlap"},
		{"package outside the roots", Options{Bundles: []Bundle{outside}},
			"package data.tms.rules.org is outside the roots [tms/rules/elsewhere]"},
		{"team rule inside a bundle's root",
			Options{Bundles: []Bundle{orgBundle()}, Policies: []PolicySource{team}},
			"team defines data.tms.rules.org.message, under root \"tms/rules/org\" of bundle org.tar.gz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(context.Background(), tt.opts)
			if !errors.Is(err, ErrInvalidPolicy) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestRepositoryCannotWeakenProtectedBundleRules(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"disable", Config{Rules: map[string]RuleSetting{
			"ORG-X-001": {Disabled: true, Reason: "noisy"}}},
			"rules.ORG-X-001 disables ORG-X-001 of bundle org.tar.gz"},
		{"lower", Config{Rules: map[string]RuleSetting{"ORG-X-001": {Severity: SeverityLow}}},
			"rules.ORG-X-001 lowers ORG-X-001 of bundle org.tar.gz to low"},
		{"exempt", Config{Exemptions: []Exemption{{Paths: []string{"**"}, Rules: []string{"ORG-X-001"},
			Reason: "r"}}}, "exemptions[0] exempts ORG-X-001 of bundle org.tar.gz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.LoadedBundles = []Bundle{orgBundle()}
			_, err := NewFromConfig(context.Background(), tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestProtectedBundleRulesKeepTheirFindings(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LoadedBundles = []Bundle{orgBundle()}
	cfg.Rules = map[string]RuleSetting{"ORG-X-001": {Severity: SeverityCritical}}
	cfg.Exemptions = []Exemption{{Paths: []string{"**"}, Reason: "everything"}}
	report := evaluateExample(t, cfg)

	n := 0
	for _, f := range report.Findings {
		if f.Rule != "ORG-X-001" {
			t.Errorf("finding of %s survived an exemption of every path", f.Rule)
		}
		if f.Severity != SeverityCritical {
			t.Errorf("ORG-X-001 finding at %s, want critical (raised)", f.Severity)
		}
		n++
	}
	if n == 0 || len(report.Summary.Overrides) != 0 {
		t.Errorf("%d findings, overrides %v", n, report.Summary.Overrides)
	}
	want := []BundleInfo{{Ref: "org.tar.gz", Revision: "r1", Roots: []string{"tms/rules/org"}}}
	if diff := cmp.Diff(want, report.Summary.Bundles); diff != "" {
		t.Errorf("bundles (-want +got):\n%s", diff)
	}
}

func TestOverridableBundleRulesShowTheirOverrides(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LoadedBundles = []Bundle{orgBundle("ORG-X-001")}
	cfg.Rules = map[string]RuleSetting{"ORG-X-001": {Disabled: true, Reason: "not ours"}}
	report := evaluateExample(t, cfg)

	for _, f := range report.Findings {
		if f.Rule == "ORG-X-001" {
			t.Errorf("finding of a disabled overridable rule: %v", f)
		}
	}
	got := report.Summary.Overrides
	if len(got) != 1 || got[0].Kind != "disabled" || got[0].Reason != "not ours" ||
		got[0].Findings == 0 || got[0].Bundle != "org.tar.gz" {
		t.Errorf("overrides %+v, want one disabled override with its findings", got)
	}
	var text strings.Builder
	if err := WriteReport(&text, "text", report); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"bundle org.tar.gz revision r1 (unsigned)",
		"override ORG-X-001 of bundle org.tar.gz: disabled by the repository (not ours)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
}

func evaluateExample(t *testing.T, cfg Config) Report {
	t.Helper()
	report, err := Evaluate(context.Background(), Request{
		Repo:      "../testdata/example",
		ModelPath: "../testdata/example/threat-model.yaml",
		Config:    cfg,
		Today:     time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return report
}

func TestBundleDataIsNotShared(t *testing.T) {
	a, b := orgBundle(), orgBundle()
	b.Ref, b.Roots = "b", []string{"tms/rules/b"}
	b.Data = map[string]any{"tms": map[string]any{"rules": map[string]any{"b": map[string]any{}}}}
	data := storeData(nil, []Bundle{a, b}, nil)
	rules := data["tms"].(map[string]any)["rules"].(map[string]any)
	if _, ok := rules["b"]; !ok {
		t.Fatalf("merged data lacks bundle b: %v", data)
	}
	if _, ok := a.Data["tms"].(map[string]any)["rules"].(map[string]any)["b"]; ok {
		t.Error("merging changed bundle a's own data")
	}
}
