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

// RunTests compiles the library and the team sources with their _test.rego
// files, under the same sandbox as evaluation, and runs every test in
// process: a team needs no OPA CLI to test its rules. Results are sorted by
// location.
func RunTests(ctx context.Context, opts Options, timeout time.Duration) ([]TestResult, error) {
	modules := map[string]*ast.Module{}
	sourceOf := map[string]string{}
	for _, src := range withLibrary(append(bundleSources(opts.Bundles), opts.Policies...)) {
		if err := parseModules(src, modules, sourceOf, isRegoFile); err != nil {
			return nil, err
		}
	}
	if err := checkOwners(modules, sourceOf, opts.Bundles); err != nil {
		return nil, err
	}

	compiler := ast.NewCompiler().WithCapabilities(Capabilities()).WithStrict(true)
	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(configStore(opts.Data, opts.Bundles)).
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
