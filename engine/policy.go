package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tms-dev/tms/engine/schema"
	"github.com/tms-dev/tms/policies"
)

// DecisionQuery is the one query tms evaluates per run.
const DecisionQuery = "data.tms.main.findings"

// rulesRoot is where rule packages live; each declares findings in `deny`.
var rulesRoot = ast.MustParseRef("data.tms.rules")

// ErrInvalidPolicy is returned when policies fail to parse or compile, or a
// rule's METADATA is missing or invalid.
var ErrInvalidPolicy = errors.New("invalid policy")

// Engine holds the compiled policies and the prepared decision query. It is
// safe for concurrent use.
type Engine struct {
	query rego.PreparedEvalQuery
	rules map[string]Rule
}

// PolicySource is a tree of Rego files. Dir prefixes its paths in messages,
// so an error points at the file a user can open.
type PolicySource struct {
	Dir string
	FS  fs.FS
}

// New compiles the embedded policy library, plus any extra sources, into one
// prepared query.
func New(ctx context.Context, extra ...PolicySource) (*Engine, error) {
	modules := map[string]*ast.Module{}
	sources := append([]PolicySource{{Dir: "policies", FS: policies.FS}}, extra...)
	for _, src := range sources {
		if err := parseModules(src, modules); err != nil {
			return nil, err
		}
	}
	compiler, err := compile(modules)
	if err != nil {
		return nil, err
	}
	rules, err := readRules(compiler)
	if err != nil {
		return nil, err
	}

	query, err := rego.New(
		rego.Compiler(compiler),
		rego.Query(DecisionQuery),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: prepare query: %v", ErrInvalidPolicy, err)
	}
	return &Engine{query: query, rules: rules}, nil
}

// Rules lists the rules the engine evaluates, sorted by id.
func (e *Engine) Rules() []Rule {
	rules := make([]Rule, 0, len(e.rules))
	for _, r := range e.rules {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules
}

// parseModules adds every non-test .rego file of src to modules, parsed as
// Rego v1 with its METADATA annotations.
func parseModules(src PolicySource, modules map[string]*ast.Module) error {
	return fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isPolicyFile(p) {
			return err
		}
		text, err := fs.ReadFile(src.FS, p)
		if err != nil {
			return err
		}
		name := path.Join(src.Dir, p)
		m, err := ast.ParseModuleWithOpts(name, string(text), ast.ParserOptions{
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
		})
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidPolicy, err)
		}
		modules[name] = m
		return nil
	})
}

func isPolicyFile(path string) bool {
	return strings.HasSuffix(path, ".rego") && !strings.HasSuffix(path, "_test.rego")
}

// compile type-checks the modules against the input schema, in strict mode,
// under capabilities that leave out every builtin that could reach the
// network, read the environment or return a different answer on another run.
func compile(modules map[string]*ast.Module) (*ast.Compiler, error) {
	var inputSchema any
	if err := json.Unmarshal(schema.Input, &inputSchema); err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	schemas := ast.NewSchemaSet()
	schemas.Put(ast.SchemaRootRef, inputSchema)

	compiler := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithStrict(true).
		WithSchemas(schemas).
		WithUseTypeCheckAnnotations(true).
		WithEnablePrintStatements(false)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, fmt.Errorf("%w:\n%s", ErrInvalidPolicy, formatErrors(compiler.Errors))
	}
	return compiler, nil
}

// Capabilities returns this OPA's builtins less the non-deterministic ones
// (http.send, time.now_ns, opa.runtime, ...), with no network host allowed.
// The same repository must give the same findings on every run and machine,
// and a policy must not be able to leak CI secrets.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !b.Nondeterministic {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// formatErrors renders compiler errors as "file:row:col: message", sorted.
func formatErrors(errs ast.Errors) string {
	lines := make([]string, 0, len(errs))
	for _, e := range errs {
		loc := "<policy>"
		if e.Location != nil {
			loc = fmt.Sprintf("%s:%d:%d", e.Location.File, e.Location.Row, e.Location.Col)
		}
		lines = append(lines, fmt.Sprintf("%s: %s", loc, e.Message))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Evaluate runs the decision query on in and returns the findings, each
// completed with its rule's title and remediation, sorted.
func (e *Engine) Evaluate(ctx context.Context, in *Input, timeout time.Duration) ([]Finding, error) {
	value, err := inputValue(in)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(value))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("policy evaluation did not finish within %s", timeout)
		}
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	return e.findings(rs)
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
