package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/tms-dev/tms/policies"
)

// TestEveryLibraryRuleIsTested holds each built-in rule to two tests in its
// package's _test.rego: one that expects a finding with its id, and one that
// expects none on some input. Mentioning the id is not enough, so the check
// mutates the rule and reruns the package's tests:
//
//   - with the rule removed, some test must fail: it expected a finding;
//   - with the rule also reporting on every non-empty input, some other test
//     must fail: it expected the rule to stay silent there. A test with
//     missing input (input {}) does not count: it has a duty of its own.
func TestEveryLibraryRuleIsTested(t *testing.T) {
	if testing.Short() {
		t.Skip("reruns every rule package's tests twice per rule")
	}
	modules := map[string]*ast.Module{}
	err := parseModules(PolicySource{Dir: builtinDir, FS: policies.FS}, modules, map[string]string{}, isRegoFile)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}

	for _, pkg := range eng.rulePackages() {
		t.Run(pkg, func(t *testing.T) {
			suite := packageSuite(modules, pkg)
			if failed := runSuite(t, suite, pkg); len(failed) > 0 {
				t.Fatalf("the tests of %s fail before any mutation: %v", pkg, slices.Sorted(maps.Keys(failed)))
			}
			for _, r := range eng.Rules() {
				if r.Package == pkg {
					checkRuleIsTested(t, suite, r)
				}
			}
		})
	}
}

func checkRuleIsTested(t *testing.T, suite map[string]*ast.Module, r Rule) {
	for _, gap := range ruleTestGaps(t, suite, r) {
		t.Errorf("%s (%s): %s", r.ID, r.Location, gap)
	}
}

// ruleTestGaps says which of the two kinds of test r lacks.
func ruleTestGaps(t *testing.T, suite map[string]*ast.Module, r Rule) []string {
	expectFinding := runSuite(t, withoutRule(t, suite, r), r.Package)
	expectSilence := runSuite(t, withAlwaysReporting(t, suite, r), r.Package)
	for name := range expectFinding {
		delete(expectSilence, name)
	}
	var gaps []string
	if len(expectFinding) == 0 {
		gaps = append(gaps, fmt.Sprintf("no test in %s_test expects a finding with this id", r.Package))
	}
	if len(expectSilence) == 0 {
		gaps = append(gaps, fmt.Sprintf("no test in %s_test expects no finding with this id on a "+
			"non-empty input (a case where the rule must stay silent)", r.Package))
	}
	return gaps
}

// TestRuleTestGapsAreFound runs the check of TestEveryLibraryRuleIsTested on
// a team rule with one kind of test at a time.
func TestRuleTestGapsAreFound(t *testing.T) {
	const header = "package tms.rules.team_test\n\nimport data.tms.rules.team\n\n"
	const reports = `test_reports if {
	count(team.deny) == 1 with input as {"surface": [{"kind": "x"}]}
}
`
	const silent = `test_silent if {
	count(team.deny) == 0 with input as {"surface": [{"kind": "y"}]}
}
`
	const missingInput = `test_missing_input if {
	count(team.deny) == 0 with input as {}
}
`
	tests := []struct {
		name  string
		tests string
		want  []string // fragments of the gaps, in order
	}{
		{"both kinds", reports + silent, nil},
		{"no finding expected", silent + missingInput, []string{"expects a finding"}},
		{"only missing input silent", reports + missingInput, []string{"expects no finding"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := PolicySource{Dir: "custom", FS: fstest.MapFS{
				"team.rego":      {Data: []byte(validRule)},
				"team_test.rego": {Data: []byte(header + tt.tests)},
			}}
			modules := map[string]*ast.Module{}
			for _, s := range withLibrary([]PolicySource{src}) {
				if err := parseModules(s, modules, map[string]string{}, isRegoFile); err != nil {
					t.Fatal(err)
				}
			}
			eng, err := New(context.Background(), Options{Policies: []PolicySource{src}})
			if err != nil {
				t.Fatal(err)
			}
			gaps := ruleTestGaps(t, packageSuite(modules, "tms.rules.team"), eng.rules["TEAM-001"])
			if len(gaps) != len(tt.want) {
				t.Fatalf("gaps %q, want %d", gaps, len(tt.want))
			}
			for i, want := range tt.want {
				if !strings.Contains(gaps[i], want) {
					t.Errorf("gap %q does not mention %q", gaps[i], want)
				}
			}
		})
	}
}

// packageSuite is what a rule package's tests need: the library helpers, the
// package and its _test package.
func packageSuite(modules map[string]*ast.Module, pkg string) map[string]*ast.Module {
	suite := map[string]*ast.Module{}
	for name, m := range modules {
		p := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if p == pkg || p == pkg+"_test" || p == "tms.lib" {
			suite[name] = m
		}
	}
	return suite
}

// withoutRule copies suite without the deny rule r, and with a deny body
// that never reports, so that deny stays defined (an empty set) when r was
// the package's only rule.
func withoutRule(t *testing.T, suite map[string]*ast.Module, r Rule) map[string]*ast.Module {
	file, line, _ := strings.Cut(r.Location, ":")
	mutated := withMutant(t, suite, r.Package, `input.mutant if false`)
	m := suite[file].Copy()
	before := len(m.Rules)
	m.Rules = slices.DeleteFunc(m.Rules, func(rule *ast.Rule) bool {
		return fmt.Sprint(rule.Location.Row) == line && isDenyRule(rule)
	})
	if len(m.Rules) != before-1 {
		t.Fatalf("%s: found no deny rule at %s", r.ID, r.Location)
	}
	mutated[file] = m
	return mutated
}

// withAlwaysReporting adds to suite a deny body that reports a finding with
// r's id on any input but the empty one.
func withAlwaysReporting(t *testing.T, suite map[string]*ast.Module, r Rule) map[string]*ast.Module {
	finding, err := json.Marshal(map[string]any{
		"rule": r.ID, "severity": r.Severity, "stride": r.Stride, "surface": "mutant",
		"subject": "mutant", "message": "mutant", "new_surface": false, "backlog": false,
		"location": map[string]any{"path": "mutant", "line": 0},
	})
	if err != nil {
		t.Fatal(err)
	}
	return withMutant(t, suite, r.Package, string(finding)+" if input != {}")
}

// withMutant copies suite with one more deny body in pkg.
func withMutant(t *testing.T, suite map[string]*ast.Module, pkg, body string) map[string]*ast.Module {
	text := fmt.Sprintf("package %s\n\ndeny contains %s\n", pkg, body)
	m, err := ast.ParseModuleWithOpts("mutant.rego", text, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	mutated := maps.Clone(suite)
	mutated["mutant.rego"] = m
	return mutated
}

// runSuite runs the tests of pkg's _test package and returns the names of
// those that fail.
func runSuite(t *testing.T, suite map[string]*ast.Module, pkg string) map[string]bool {
	t.Helper()
	runner := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(Capabilities())).
		SetStore(inmem.New()).
		SetModules(suite).
		SetDefaultRegoVersion(ast.RegoV1)
	results, err := runner.RunTests(context.Background(), nil)
	if err != nil {
		t.Fatalf("%s: %v", pkg, err)
	}
	failed := map[string]bool{}
	for r := range results {
		if r.Package == "data."+pkg+"_test" && (r.Fail || r.Error != nil) {
			failed[r.Name] = true
		}
	}
	return failed
}
