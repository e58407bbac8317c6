package bundles

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/tms-dev/tms/engine"
)

// BuildOptions say how to build a bundle from a directory of rules.
type BuildOptions struct {
	Revision string   // replaces the revision of the directory's .manifest
	Signing  *Signing // signs the bundle when set
	Limits   Limits
	Timeout  time.Duration // for the directory's Rego tests
}

// Build turns a directory of rules into an OPA bundle: its Rego files, tests
// left out, its data.json and data.yaml files placed by directory, and a
// .manifest with a revision, roots (taken from the packages when the
// directory's .manifest names none) and rego_version 1. Before anything is
// written, the rules are compiled with the built-in library exactly as
// tms eval compiles them, and the directory's tests must pass.
func Build(ctx context.Context, dir string, opts BuildOptions) ([]byte, error) {
	b, err := loadDir(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("build %s: %w", dir, err)
	}
	if opts.Revision != "" {
		b.Manifest.Revision = opts.Revision
	}
	if b.Manifest.Revision == "" {
		return nil, fmt.Errorf("build %s: no revision: set one with --revision or in .manifest", dir)
	}
	if b.Manifest.Roots == nil {
		roots := packageRoots(b.Modules)
		b.Manifest.Roots = &roots
	}
	b.Manifest.SetRegoVersion(ast.RegoV1)

	data, err := writeBundle(b)
	if err != nil {
		return nil, err
	}
	if err := check(ctx, dir, data, opts); err != nil {
		return nil, err
	}
	if opts.Signing != nil {
		return Sign(data, *opts.Signing, opts.Limits)
	}
	return data, nil
}

// check reads the written bundle back as a consumer will, compiles it with
// the library, and runs the directory's tests against it.
func check(ctx context.Context, dir string, data []byte, opts BuildOptions) error {
	eb, err := Read(data, dir, Verification{}, opts.Limits)
	if err != nil {
		return err
	}
	eng, err := engine.New(ctx, engine.Options{Bundles: []engine.Bundle{eb}})
	if err != nil {
		return err
	}
	if err := checkOverridable(eb, eng.Rules()); err != nil {
		return err
	}
	withTests := eb
	withTests.Policies = os.DirFS(dir)
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	results, err := engine.RunTests(ctx, engine.Options{Bundles: []engine.Bundle{withTests}}, timeout)
	if err != nil {
		return err
	}
	var failed []string
	for _, r := range results {
		if !r.Passed {
			failed = append(failed, fmt.Sprintf("%s.%s (%s)", r.Package, r.Name, r.Location))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("build %s: tests failed: %s", dir, strings.Join(failed, ", "))
	}
	return nil
}

// checkOverridable refuses an overridable list naming a rule the bundle
// does not declare: a typo there would leave the real rule protected and
// nobody would know why an override is refused.
func checkOverridable(eb engine.Bundle, rules []engine.Rule) error {
	own := map[string]bool{}
	for _, r := range rules {
		if r.Bundle == eb.Ref {
			own[r.ID] = true
		}
	}
	var unknown []string
	for id := range eb.Overridable() {
		if !own[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("%w: overridable names rules the bundle does not declare: %s",
			ErrInvalidBundle, strings.Join(unknown, ", "))
	}
	return nil
}

// loadDir reads the bundle files of a directory. Other files (a README, a
// Makefile) stay out; so do tests, which need the library to run.
func loadDir(fsys fs.FS) (bundle.Bundle, error) {
	b := bundle.Bundle{Data: map[string]any{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return addFile(&b, p, raw)
	})
	return b, err
}

func addFile(b *bundle.Bundle, p string, raw []byte) error {
	base := path.Base(p)
	switch {
	case p == ".manifest":
		if err := util.UnmarshalJSON(raw, &b.Manifest); err != nil {
			return fmt.Errorf(".manifest: %w", err)
		}
	case strings.HasSuffix(base, "_test.rego"):
	case strings.HasSuffix(base, ".rego"):
		m, err := ast.ParseModuleWithOpts(p, string(raw), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		b.Modules = append(b.Modules, bundle.ModuleFile{URL: "/" + p, Path: "/" + p, Raw: raw,
			Parsed: m})
	case base == "data.json", bundle.IsYAMLDataFile(base):
		var value any
		if err := util.Unmarshal(raw, &value); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		return insertData(b.Data, path.Dir(p), value)
	}
	return nil
}

// insertData places a data file's value at the path of its directory, as
// OPA does: tms/rules/acme/data.json is data.tms.rules.acme.
func insertData(data map[string]any, dir string, value any) error {
	node := data
	if dir != "." {
		for _, key := range strings.Split(dir, "/") {
			next, ok := node[key].(map[string]any)
			if !ok {
				if _, taken := node[key]; taken {
					return fmt.Errorf("%s/data: %s is both a value and a directory", dir, key)
				}
				next = map[string]any{}
				node[key] = next
			}
			node = next
		}
	}
	obj, ok := value.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: a data file must hold an object", dir)
	}
	for k, v := range obj {
		if _, taken := node[k]; taken {
			return fmt.Errorf("%s: data key %s is set twice", dir, k)
		}
		node[k] = v
	}
	return nil
}

// packageRoots are the packages of the modules, less those inside another:
// the smallest roots that let the bundle own exactly its rules.
func packageRoots(modules []bundle.ModuleFile) []string {
	var paths []string
	for _, m := range modules {
		segs := []string{}
		for _, t := range m.Parsed.Package.Path[1:] {
			s, _ := t.Value.(ast.String)
			segs = append(segs, string(s))
		}
		paths = append(paths, strings.Join(segs, "/"))
	}
	sort.Strings(paths)
	var roots []string
	for _, p := range paths {
		if len(roots) == 0 || !bundle.RootPathsContain(roots, p) {
			roots = append(roots, p)
		}
	}
	if roots == nil {
		return []string{}
	}
	return roots
}
