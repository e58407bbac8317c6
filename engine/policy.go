package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

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
	compiler *ast.Compiler
	store    storage.Store
	query    rego.PreparedEvalQuery
	rules    map[string]Rule
	bundles  []Bundle
}

// PolicySource is a tree of Rego files. Dir prefixes its paths in messages,
// so an error points at the file a user can open.
type PolicySource struct {
	Dir string
	FS  fs.FS
}

// Options add to the embedded library.
type Options struct {
	Policies []PolicySource // team rules, compiled with the library
	Data     map[string]any // settings for rules, read as data.tms.config
	// Bundles are organisation bundles, compiled after the library and
	// before the team rules; each owns its roots (see docs/bundles.md).
	Bundles []Bundle
}

// builtinDir prefixes the embedded library's files in messages, as they sit
// in tms's own repository; builtinSource names it in listings.
const (
	builtinDir    = "policies"
	builtinSource = "built-in"
)

// New compiles the embedded policy library, plus any team rules, into one
// prepared query. Every problem is reported before anything is evaluated.
func New(ctx context.Context, opts Options) (*Engine, error) {
	modules, sourceOf, err := loadModules(opts, isPolicyFile)
	if err != nil {
		return nil, err
	}
	compiler, rules, err := checkContract(opts, modules, sourceOf)
	if err != nil {
		return nil, err
	}

	e := &Engine{compiler: compiler, rules: rules, bundles: opts.Bundles}
	e.store = configStore(opts.Data, opts.Bundles, e.protectedRules())
	e.query, err = e.prepare(ctx, DecisionQuery)
	if err != nil {
		return nil, err
	}
	return e, nil
}

// loadModules parses the files of the library, the bundles and the team
// sources that want accepts, keyed by file name, with the source of each.
func loadModules(opts Options, want func(path string) bool) (
	modules map[string]*ast.Module, sourceOf map[string]string, err error) {
	modules = map[string]*ast.Module{}
	sourceOf = map[string]string{} // module file name to its source's Dir
	for _, src := range withLibrary(layeredSources(opts)) {
		if err := parseModules(src, modules, sourceOf, want); err != nil {
			return nil, nil, err
		}
	}
	return modules, sourceOf, nil
}

// layeredSources are the sources added to the library: bundles first, then
// team rules.
func layeredSources(opts Options) []PolicySource {
	return append(bundleSources(opts.Bundles), opts.Policies...)
}

// checkContract holds the policy modules to the rule contract: each source
// stays in its own packages, everything compiles against the input schema
// under the sandbox, and every deny rule carries valid METADATA. Evaluation
// and `tms policy test` both call it, so a rule that one refuses the other
// refuses too.
func checkContract(opts Options, modules map[string]*ast.Module, sourceOf map[string]string) (
	*ast.Compiler, map[string]Rule, error) {
	if err := checkOwners(modules, sourceOf, opts.Bundles); err != nil {
		return nil, nil, err
	}
	compiler, err := compile(modules)
	if err != nil {
		return nil, nil, err
	}
	rules, err := readRules(compiler, sourceOf)
	if err != nil {
		return nil, nil, err
	}
	if err := checkSourcesDeclareRules(layeredSources(opts), rules); err != nil {
		return nil, nil, err
	}
	markBundleRules(rules, opts.Bundles)
	return compiler, rules, nil
}

func (e *Engine) prepare(ctx context.Context, query string) (rego.PreparedEvalQuery, error) {
	pq, err := rego.New(
		rego.Compiler(e.compiler),
		rego.Store(e.store),
		rego.Query(query),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return pq, fmt.Errorf("%w: prepare %s: %v", ErrInvalidPolicy, query, err)
	}
	return pq, nil
}

func withLibrary(team []PolicySource) []PolicySource {
	return append([]PolicySource{{Dir: builtinDir, FS: policies.FS}}, team...)
}

// configStore holds the data rules read: the settings .tms.yaml passes to
// them, the ids of the protected bundle rules, and each bundle's data under
// its roots.
func configStore(data map[string]any, bundles []Bundle, protected []string) storage.Store {
	return inmem.NewFromObject(storeData(data, bundles, protected))
}

// checkSourcesDeclareRules fails a team directory that contributes no rule:
// a mistyped package name would otherwise run nothing and pass.
func checkSourcesDeclareRules(sources []PolicySource, rules map[string]Rule) error {
	declared := map[string]bool{}
	for _, r := range rules {
		declared[r.Source] = true
	}
	for _, src := range sources {
		if !declared[src.Dir] {
			return fmt.Errorf("%w: %s declares no rule: team rules are `deny contains` rules "+
				"in a package under tms.rules, e.g. `package tms.rules.payments`", ErrInvalidPolicy, src.Dir)
		}
	}
	return nil
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

// parseModules adds the .rego files of src that want accepts to modules,
// parsed as Rego v1 with their METADATA annotations, and records where each
// came from.
func parseModules(src PolicySource, modules map[string]*ast.Module, sourceOf map[string]string,
	want func(path string) bool) error {
	return fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !want(p) {
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
		if errs, ok := err.(ast.Errors); ok {
			return fmt.Errorf("%w:\n%s", ErrInvalidPolicy, formatErrors(errs))
		}
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidPolicy, err)
		}
		modules[name] = m
		sourceOf[name] = src.Dir
		if src.FS == policies.FS {
			sourceOf[name] = builtinSource
		}
		return nil
	})
}

func isPolicyFile(path string) bool {
	return isRegoFile(path) && !strings.HasSuffix(path, "_test.rego")
}

func isRegoFile(path string) bool { return strings.HasSuffix(path, ".rego") }

// compile type-checks the modules with newCompiler's settings.
func compile(modules map[string]*ast.Module) (*ast.Compiler, error) {
	compiler, err := newCompiler()
	if err != nil {
		return nil, err
	}
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, fmt.Errorf("%w:\n%s", ErrInvalidPolicy, formatErrors(compiler.Errors))
	}
	return compiler, nil
}

// newCompiler type-checks against the input schema, in strict mode, under
// capabilities that leave out every builtin that could reach the network,
// read the environment or return a different answer on another run.
func newCompiler() (*ast.Compiler, error) {
	var inputSchema any
	if err := json.Unmarshal(schema.Input, &inputSchema); err != nil {
		return nil, fmt.Errorf("input schema: %w", err)
	}
	schemas := ast.NewSchemaSet()
	schemas.Put(ast.SchemaRootRef, inputSchema)

	return ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithStrict(true).
		WithSchemas(schemas).
		WithUseTypeCheckAnnotations(true).
		WithEnablePrintStatements(false), nil
}

// clockBuiltins read the current time although OPA does not mark them
// non-deterministic: they verify certificates against the wall clock, so a
// policy using them would change its answer when a certificate expires.
var clockBuiltins = map[string]bool{
	"crypto.x509.parse_and_verify_certificates":              true,
	"crypto.x509.parse_and_verify_certificates_with_options": true,
}

// Capabilities returns this OPA's builtins less the non-deterministic ones
// (http.send, time.now_ns, opa.runtime, ...) and those that read the clock,
// with no network host allowed. The same repository must give the same
// findings on every run and machine, and a policy must not be able to leak
// CI secrets.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !b.Nondeterministic && !clockBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// formatErrors renders compiler errors as "file:row:col: message", sorted,
// each followed by OPA's details (for a typo in a field, the fields there
// are) and, for a builtin the sandbox removed, which ones it removes.
func formatErrors(errs ast.Errors) string {
	entries := make([]string, 0, len(errs))
	for _, e := range errs {
		lines := []string{errorLocation(e) + ": " + e.Message}
		if e.Details != nil {
			lines = append(lines, e.Details.Lines()...)
		}
		if hint := removedBuiltinHint(e.Message); hint != "" {
			lines = append(lines, hint)
		}
		entries = append(entries, strings.Join(lines, "\n\t"))
	}
	sort.Strings(entries)
	return strings.Join(entries, "\n")
}

func errorLocation(e *ast.Error) string {
	if e.Location == nil {
		return "<policy>"
	}
	loc := fmt.Sprintf("%s:%d", e.Location.File, e.Location.Row)
	if e.Location.Col > 0 {
		loc += fmt.Sprintf(":%d", e.Location.Col)
	}
	return loc
}

// removedBuiltinHint explains an "undefined function" error for a builtin
// that OPA has but Capabilities leaves out, since the rule is right Rego
// and its author would otherwise look for a typo.
func removedBuiltinHint(message string) string {
	name, ok := strings.CutPrefix(message, "undefined function ")
	removed := removedBuiltins()
	if !ok || !slices.Contains(removed, name) {
		return ""
	}
	return fmt.Sprintf("tms leaves out the builtins that could reach the network, read the "+
		"environment or answer differently on another run (%s); give the rule what it needs "+
		"in input or data.tms.config",
		strings.Join(removed, ", "))
}

// removedBuiltins names the builtins of this OPA that Capabilities leaves
// out, sorted.
func removedBuiltins() []string {
	kept := map[string]bool{}
	for _, b := range Capabilities().Builtins {
		kept[b.Name] = true
	}
	var removed []string
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if !kept[b.Name] {
			removed = append(removed, b.Name)
		}
	}
	sort.Strings(removed)
	return slices.Compact(removed)
}
