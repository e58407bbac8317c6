package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Evaluate runs the decision query on in and returns the findings, each
// completed with its rule's title and remediation.
func (e *Engine) Evaluate(ctx context.Context, in *Input, timeout time.Duration) ([]Finding, error) {
	value, err := inputValue(in)
	if err != nil {
		return nil, err
	}

	evalCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rs, err := e.query.Eval(evalCtx, rego.EvalParsedInput(value))
	if err != nil {
		if evalCtx.Err() != nil && ctx.Err() == nil {
			return nil, e.timeoutError(ctx, value, timeout)
		}
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	found, err := e.findings(rs)
	if errors.Is(err, errMisshapen) {
		return nil, e.misshapenFinding(ctx, value, err)
	}
	return found, err
}

// inputValue converts the input once to OPA's own value type, so evaluation
// does not convert it again per rule.
func inputValue(in *Input) (ast.Value, error) {
	data, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("encode input: %w", err)
	}
	return ast.ValueFromReader(bytes.NewReader(data))
}

// timeoutError names the rule package that is too slow, with its file, so
// its author knows where to look. It evaluates each package alone, with the
// same limit, which only costs time once the run has already failed. When
// none is too slow alone, it names the slowest.
func (e *Engine) timeoutError(ctx context.Context, value ast.Value, timeout time.Duration) error {
	msg := fmt.Sprintf("policy evaluation did not finish within %s (see --timeout)", timeout)
	slowest, longest := "", time.Duration(-1)
	for _, pkg := range e.rulePackages() {
		pq, err := e.prepare(ctx, "data."+pkg+".deny")
		if err != nil {
			continue
		}
		pkgCtx, cancel := context.WithTimeout(ctx, timeout)
		start := time.Now()
		_, err = pq.Eval(pkgCtx, rego.EvalParsedInput(value))
		took, slow := time.Since(start), pkgCtx.Err() != nil
		cancel()
		if err != nil && slow {
			return fmt.Errorf("%s: the rules of package %s (%s) did not finish on their own",
				msg, pkg, e.packageLocation(pkg))
		}
		if took > longest {
			slowest, longest = pkg, took
		}
	}
	if slowest == "" {
		return fmt.Errorf("%s", msg)
	}
	return fmt.Errorf("%s: no rule package is that slow on its own; the slowest is %s (%s), "+
		"%s alone", msg, slowest, e.packageLocation(slowest), longest.Round(time.Millisecond))
}

// rulePackages lists the packages that declare rules, sorted.
func (e *Engine) rulePackages() []string {
	seen := map[string]bool{}
	for _, r := range e.rules {
		seen[r.Package] = true
	}
	pkgs := make([]string, 0, len(seen))
	for p := range seen {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	return pkgs
}

func (e *Engine) packageLocation(pkg string) string {
	var files []string
	for _, r := range e.rules {
		if r.Package == pkg {
			file, _, _ := strings.Cut(r.Location, ":")
			files = append(files, file)
		}
	}
	sort.Strings(files)
	return files[0]
}
