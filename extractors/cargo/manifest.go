package cargo

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/keyline"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// sections are the dependency tables of a manifest and the scope each gives.
// Cargo still accepts the old spellings with an underscore.
var sections = []struct{ table, scope string }{
	{"dependencies", "prod"},
	{"build-dependencies", "build"},
	{"build_dependencies", "build"},
	{"dev-dependencies", "dev"},
	{"dev_dependencies", "dev"},
}

// scopeOrder ranks scopes for walking the lockfile: what production needs
// first, so that a crate needed there is never labelled dev.
var scopeOrder = map[string]int{"prod": 0, "optional": 1, "build": 2, "dev": 3}

// declared is one dependency as a manifest writes it.
type declared struct {
	name       string // the crate's real name, after any rename
	constraint string
	scope      string
	source     string
	url        string
	pinned     bool
	inherits   bool // workspace = true: the workspace root says the rest
	line       int
}

// manifest is what a Cargo.toml says about its crate and dependencies.
type manifest struct {
	path      string
	crate     string // [package] name; "" in a virtual workspace root
	deps      []*declared
	workspace map[string]*declared // [workspace.dependencies]
}

func readManifest(p string, doc *keyline.Document) *manifest {
	m := &manifest{path: p, crate: depset.String(doc.Root, "package", "name")}
	dir := path.Dir(p)
	for _, s := range sections {
		m.readTable(doc, dir, s.scope, s.table)
	}
	targets := depset.Table(doc.Root, "target")
	for _, cfg := range sortedKeys(targets) {
		for _, s := range sections {
			m.readTable(doc, dir, s.scope, "target", cfg, s.table)
		}
	}

	m.workspace = map[string]*declared{}
	ws := depset.Table(doc.Root, "workspace", "dependencies")
	for _, key := range sortedKeys(ws) {
		d := readDeclared(doc, dir, key, ws[key], "workspace", "dependencies", key)
		m.workspace[key] = d
	}
	return m
}

func (m *manifest) readTable(doc *keyline.Document, dir, scope string, table ...string) {
	deps := depset.Table(doc.Root, table...)
	for _, key := range sortedKeys(deps) {
		d := readDeclared(doc, dir, key, deps[key], append(table, key)...)
		d.scope = scope
		if scope == "prod" && depset.Bool(deps[key], "optional") {
			d.scope = "optional"
		}
		m.deps = append(m.deps, d)
	}
}

// readDeclared reads `name = "1.2"` or `name = { ... }`.
func readDeclared(doc *keyline.Document, dir, key string, v any, at ...string) *declared {
	d := &declared{name: key, source: depset.SourceRegistry, line: doc.Line(at...)}
	if s, ok := v.(string); ok {
		d.constraint = s
		d.pinned = exactVersion(s)
		return d
	}
	if pkg := depset.String(v, "package"); pkg != "" {
		d.name = pkg
	}
	d.constraint = depset.String(v, "version")
	d.inherits = depset.Bool(v, "workspace")
	switch {
	case depset.String(v, "path") != "":
		d.source = depset.SourcePath
		d.pinned = depset.InsideRepository(dir, depset.String(v, "path"))
	case depset.String(v, "git") != "":
		d.source, d.url = depset.SourceGit, redact.Text(depset.String(v, "git"))
		d.pinned = commit.MatchString(depset.String(v, "rev"))
	default:
		d.pinned = exactVersion(d.constraint)
	}
	return d
}

// inherit fills `workspace = true` dependencies from the workspace root's
// declarations. Features and optional stay the member's own.
func (m *manifest) inherit(root *manifest) {
	if root == nil {
		return
	}
	for _, d := range m.deps {
		w, ok := root.workspace[d.name]
		if !d.inherits || !ok {
			continue
		}
		// A path is judged from the root, where it is written.
		d.name, d.constraint, d.source, d.url = w.name, w.constraint, w.source, w.url
		d.pinned = w.pinned
	}
}

// addDeclared puts the declared dependencies in the set. A crate declared in
// two tables keeps the scope that matters most.
func (m *manifest) addDeclared(set *depset.Set) {
	sorted := append([]*declared(nil), m.deps...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return scopeOrder[sorted[i].scope] < scopeOrder[sorted[j].scope]
	})
	for _, d := range sorted {
		set.Add(depset.Dep{
			Name: d.name, Constraint: d.constraint, Direct: true, Scope: d.scope,
			Source: d.source, URL: d.url, Pinned: d.pinned,
			At: extractors.Location{Path: m.path, Line: d.line},
		})
	}
}

// scopeOf returns the scope a manifest gives a crate it declares, or "".
func (m *manifest) scopeOf(name string) string {
	best := ""
	for _, d := range m.deps {
		if d.name == name && (best == "" || scopeOrder[d.scope] < scopeOrder[best]) {
			best = d.scope
		}
	}
	return best
}

// findWorkspaceRoot returns the manifest whose [workspace] the crate belongs
// to: itself, or the nearest Cargo.toml above it that has a [workspace]
// table. It is needed only when a dependency inherits from it.
func findWorkspaceRoot(repo extractors.Repo, m *manifest,
	doc *keyline.Document) (*manifest, error) {
	if depset.Table(doc.Root, "workspace") != nil {
		return m, nil
	}
	if !inheritsAny(doc) {
		return nil, nil
	}
	p := m.path
	for dir := path.Dir(p); dir != "." && dir != "/"; {
		dir = path.Dir(dir)
		rootPath := path.Join(dir, "Cargo.toml")
		content, found, err := depset.ReadSibling(repo, rootPath)
		if err != nil || !found {
			if err != nil {
				return nil, err
			}
			continue
		}
		rootDoc, err := keyline.ParseTOML(content)
		if err != nil {
			return nil, extractors.InFile(rootPath, err)
		}
		if depset.Table(rootDoc.Root, "workspace") != nil {
			return readManifest(rootPath, rootDoc), nil
		}
	}
	return nil, fmt.Errorf("no workspace root above %s for its workspace = true dependencies", p)
}

func inheritsAny(doc *keyline.Document) bool {
	var tables []map[string]any
	for _, s := range sections {
		tables = append(tables, depset.Table(doc.Root, s.table))
		for _, t := range depset.Table(doc.Root, "target") {
			tables = append(tables, depset.Table(t, s.table))
		}
	}
	for _, t := range tables {
		for _, v := range t {
			if depset.Bool(v, "workspace") {
				return true
			}
		}
	}
	return false
}

var (
	exactReq = regexp.MustCompile(`^=\s*\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$`)
	commit   = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// exactVersion reports whether a version requirement admits one release
// only. Cargo reads a bare "1.2.3" as "^1.2.3", so only "=1.2.3" pins.
func exactVersion(req string) bool { return exactReq.MatchString(strings.TrimSpace(req)) }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
