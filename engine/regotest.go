package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test.
type TestResult struct {
	Package  string        `json:"package"`
	Name     string        `json:"name"`
	Location string        `json:"location"` // file:line
	Passed   bool          `json:"passed"`
	Error    string        `json:"error,omitempty"`
	Duration time.Duration `json:"duration"`
}

// RunTests holds the library, bundle and team rules to the same contract as
// New, then runs every _test.rego test with them in process, under the same
// schema and sandbox: a team needs no OPA CLI to test its rules, and a rule
// that evaluation would refuse does not pass its tests. Like `opa test`, the
// tests start from an empty data.tms.config whatever opts.Data holds, so they
// pass the same in every repository. Results are sorted by location.
func RunTests(ctx context.Context, opts Options, timeout time.Duration) ([]TestResult, error) {
	modules, sourceOf, err := loadModules(opts, isRegoFile)
	if err != nil {
		return nil, err
	}
	if err := checkTestedPolicies(opts, modules, sourceOf); err != nil {
		return nil, err
	}

	compiler, err := newCompiler()
	if err != nil {
		return nil, err
	}
	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(configStore(nil, opts.Bundles, nil)).
		SetModules(modules).
		SetTimeout(timeout).
		SetDefaultRegoVersion(ast.RegoV1)
	results, err := runner.RunTests(ctx, nil)
	if err != nil {
		if errs, ok := err.(ast.Errors); ok {
			return nil, fmt.Errorf("%w:\n%s", ErrInvalidPolicy, formatErrors(errs))
		}
		return nil, fmt.Errorf("%w: %v", ErrInvalidPolicy, err)
	}
	return collect(results), nil
}

// checkTestedPolicies applies checkContract to the policy files among
// modules. A directory of tests alone (tests kept apart from the rules they
// test) declares no rule and need not.
func checkTestedPolicies(opts Options, modules map[string]*ast.Module, sourceOf map[string]string) error {
	policyModules := map[string]*ast.Module{}
	hasPolicy, hasTest := map[string]bool{}, map[string]bool{}
	for name, m := range modules {
		if isPolicyFile(name) {
			policyModules[name] = m
			hasPolicy[sourceOf[name]] = true
		} else {
			hasTest[sourceOf[name]] = true
		}
	}
	checked := opts
	checked.Policies = nil
	for _, src := range opts.Policies {
		if hasPolicy[src.Dir] || !hasTest[src.Dir] {
			checked.Policies = append(checked.Policies, src)
		}
	}
	_, _, err := checkContract(checked, policyModules, sourceOf)
	return err
}

func collect(results chan *tester.Result) []TestResult {
	var out []TestResult
	for r := range results {
		t := TestResult{
			Package:  strings.TrimPrefix(r.Package, "data."),
			Name:     r.Name,
			Location: fmt.Sprintf("%s:%d", r.Location.File, r.Location.Row),
			Passed:   !r.Fail && r.Error == nil,
			Duration: r.Duration,
		}
		if r.Error != nil {
			t.Error = r.Error.Error()
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Location < out[j].Location })
	return out
}
