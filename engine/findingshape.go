package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// errMisshapen marks a decision that holds something other than a finding
// of a declared rule. The decision merges every package, so Evaluate asks
// misshapenFinding which package returned it.
var errMisshapen = errors.New("not a finding")

// findingHint is how a rule builds a finding that decodes and names its
// rule.
const findingHint = "build each finding with lib.finding(rego.metadata.rule(), {...})"

// misshapenFinding evaluates each rule package alone and names the first,
// in order, whose deny returns something that is not a finding, with the
// locations of its deny rules. Like timeoutError it costs time only once
// the run has already failed. cause is returned when no package is found.
func (e *Engine) misshapenFinding(ctx context.Context, value ast.Value, cause error) error {
	for _, pkg := range e.rulePackages() {
		pq, err := e.prepare(ctx, "data."+pkg+".deny")
		if err != nil {
			continue
		}
		rs, err := pq.Eval(ctx, rego.EvalParsedInput(value))
		if err != nil || len(rs) != 1 || len(rs[0].Expressions) != 1 {
			continue
		}
		returned, _ := rs[0].Expressions[0].Value.([]any)
		for _, v := range returned {
			if problem := e.findingProblem(v); problem != "" {
				return fmt.Errorf("%w: %s: a deny rule of package %s returned %s: %s",
					ErrInvalidPolicy, e.denyLocations(pkg), pkg, problem, findingHint)
			}
		}
	}
	return cause
}

// findingProblem says what makes v, one element of a deny set, unusable as
// a finding, or returns "" when it is one.
func (e *Engine) findingProblem(v any) string {
	text, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("a value that does not encode: %v", err)
	}
	shown := string(text)
	if len(shown) > 80 {
		shown = shown[:77] + "..."
	}
	if _, ok := v.(map[string]any); !ok {
		return fmt.Sprintf("%s, which is not an object", shown)
	}
	var f Finding
	if err := json.Unmarshal(text, &f); err != nil {
		return fmt.Sprintf("%s, whose fields do not have the finding shape (%v)", shown, err)
	}
	if _, ok := e.rules[f.Rule]; !ok {
		return fmt.Sprintf("%s, whose rule %q no rule's METADATA declares", shown, f.Rule)
	}
	return ""
}

// denyLocations lists the file:line of the deny rules of pkg, sorted.
func (e *Engine) denyLocations(pkg string) string {
	var locations []string
	for _, r := range e.rules {
		if r.Package == pkg {
			locations = append(locations, r.Location)
		}
	}
	sort.Strings(locations)
	return strings.Join(locations, ", ")
}
