package python

import (
	"cmp"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/keyline"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// pyproject reads the dependency tables of one pyproject.toml.
type pyproject struct {
	path string
	doc  *keyline.Document
	set  *depset.Set
}

func extractPyproject(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	doc, err := keyline.ParseTOML(f.Content)
	if err != nil {
		return nil, err
	}
	lock, lockPath, locked, lockErr := findPyprojectLock(repo, f.Path, doc)

	pp := &pyproject{path: f.Path, doc: doc, set: depset.New("pypi", f.Path, locked)}
	pp.readPEP621()
	pp.readPoetry()
	pp.applyUVSources()
	if lock != nil {
		mergeLock(pp.set, lock, lockPath)
	}
	return pp.set.Items(), lockErr
}

// findPyprojectLock finds the lockfile beside the manifest, Poetry's first
// when the project is a Poetry one, or else the uv.lock of a uv workspace
// in a folder above that lists this project as a member.
func findPyprojectLock(repo extractors.Repo, p string, doc *keyline.Document) (
	*lockfile, string, bool, error) {
	names := []string{"uv.lock", "poetry.lock"}
	if depset.Table(doc.Root, "tool", "poetry") != nil {
		names = []string{"poetry.lock", "uv.lock"}
	}
	readers := map[string]lockReader{"uv.lock": readUVLock, "poetry.lock": readPoetryLock}
	dir := path.Dir(p)
	if lock, lockPath, found, err := loadLock(repo, dir, names, readers); found {
		return lock, lockPath, true, err
	}

	for up := dir; up != "." && up != "/"; {
		up = path.Dir(up)
		lockPath := path.Join(up, "uv.lock")
		content, found, err := depset.ReadSibling(repo, lockPath)
		if err != nil || !found {
			if err != nil {
				return nil, lockPath, true, err
			}
			continue
		}
		rel := dir[len(up)+1:]
		if up == "." {
			rel = dir
		}
		lock, err := readUVLockFor(content, rel)
		if err != nil || len(lock.roots) == 0 {
			return nil, "", false, nil // another project's lockfile
		}
		return lock, lockPath, true, extractors.InFile(lockPath, lock.problem)
	}
	return nil, "", false, nil
}

// readPEP621 reads [project] dependencies and extras, PEP 735 dependency
// groups, the build system's requirements and uv's legacy dev list.
func (pp *pyproject) readPEP621() {
	pp.readList("prod", "project", "dependencies")
	extras := depset.Table(pp.doc.Root, "project", "optional-dependencies")
	for _, extra := range slices.Sorted(maps.Keys(extras)) {
		pp.readList("optional", "project", "optional-dependencies", extra)
	}
	groups := depset.Table(pp.doc.Root, "dependency-groups")
	for _, group := range slices.Sorted(maps.Keys(groups)) {
		pp.readList(groupScope(group), "dependency-groups", group)
	}
	pp.readList("build", "build-system", "requires")
	pp.readList("dev", "tool", "uv", "dev-dependencies")
}

// readList reads an array of PEP 508 strings. Other entries, such as a
// group's include-group tables, name no package.
func (pp *pyproject) readList(scope string, keys ...string) {
	for i, v := range depset.List(pp.doc.Root, keys...) {
		text, ok := v.(string)
		if !ok {
			continue
		}
		line := pp.doc.Line(append(keys, strconv.Itoa(i))...)
		if req, ok := parseRequirement(text); ok {
			pp.set.Add(dependency(req, scope, extractors.Location{Path: pp.path, Line: line}))
		}
	}
}

// applyUVSources lets [tool.uv.sources] say where a requirement really
// comes from: a git repository, a path, a URL or another index.
func (pp *pyproject) applyUVSources() {
	sources := depset.Table(pp.doc.Root, "tool", "uv", "sources")
	for name, v := range sources {
		if list, ok := v.([]any); ok && len(list) > 0 {
			v = list[0] // sources per platform: the first one
		}
		d := pp.set.Get(normalize(name))
		if d == nil {
			continue
		}
		pp.applySource(d, v)
	}
}

func (pp *pyproject) applySource(d *depset.Dep, v any) {
	dir := path.Dir(pp.path)
	switch {
	case depset.String(v, "git") != "":
		d.Source, d.URL = depset.SourceGit, redact.Text(depset.String(v, "git"))
		d.Pinned = commitHash.MatchString(depset.String(v, "rev"))
	case depset.String(v, "path") != "":
		d.Source, d.URL = depset.SourcePath, ""
		d.Pinned = depset.InsideRepository(dir, depset.String(v, "path"))
	case depset.String(v, "url") != "":
		d.Source, d.URL = depset.SourceURL, redact.Text(depset.String(v, "url"))
		d.Pinned = archiveHash(depset.String(v, "url"))
	case depset.Bool(v, "workspace"):
		d.Source, d.URL, d.Pinned = depset.SourcePath, "", true
	}
}

var commitHash = regexp.MustCompile(`^[0-9a-f]{40}$`)

// readPoetry reads Poetry's own tables: the main dependencies, the legacy
// dev-dependencies and each group.
func (pp *pyproject) readPoetry() {
	pp.readPoetryTable("prod", "tool", "poetry", "dependencies")
	pp.readPoetryTable("dev", "tool", "poetry", "dev-dependencies")
	groups := depset.Table(pp.doc.Root, "tool", "poetry", "group")
	for _, group := range slices.Sorted(maps.Keys(groups)) {
		scope := groupScope(group)
		if group == "main" {
			scope = "prod"
		}
		pp.readPoetryTable(scope, "tool", "poetry", "group", group, "dependencies")
	}
}

func (pp *pyproject) readPoetryTable(scope string, keys ...string) {
	deps := depset.Table(pp.doc.Root, keys...)
	for _, name := range slices.Sorted(maps.Keys(deps)) {
		if name == "python" {
			continue // the interpreter, not a package
		}
		v := deps[name]
		if list, ok := v.([]any); ok && len(list) > 0 {
			v = list[0] // constraints per Python version: the first one
		}
		at := extractors.Location{Path: pp.path, Line: pp.doc.Line(append(keys, name)...)}
		pp.set.Add(pp.poetryDependency(normalize(name), v, scope, at))
	}
}

// poetryDependency reads "^2.31" or a table with a version, git, path or
// url. A bare version in Poetry is exact, so "2.31.0" pins.
func (pp *pyproject) poetryDependency(name string, v any, scope string,
	at extractors.Location) depset.Dep {
	d := depset.Dep{Name: name, Direct: true, Scope: scope, Source: depset.SourceRegistry,
		At: at, Extra: map[string]any{"markers": depset.String(v, "markers"), "editable": false}}
	if s, ok := v.(string); ok {
		d.Constraint = s
	} else {
		d.Constraint = depset.String(v, "version")
		d.Extra["editable"] = depset.Bool(v, "develop")
		if scope == "prod" && depset.Bool(v, "optional") {
			d.Scope = "optional"
		}
	}
	if m := poetryExact.FindStringSubmatch(d.Constraint); m != nil {
		d.Pinned, d.Version = true, m[1]
	}
	pp.applySource(&d, v)
	d.URL = cmp.Or(d.URL, pp.poetryIndexURL(depset.String(v, "source")))
	return d
}

var poetryExact = regexp.MustCompile(`^\s*(?:==?)?\s*(\d[0-9A-Za-z.+!-]*)\s*$`)

// poetryIndexURL finds the URL of a [[tool.poetry.source]] by name.
func (pp *pyproject) poetryIndexURL(name string) string {
	if name == "" {
		return ""
	}
	for _, s := range depset.List(pp.doc.Root, "tool", "poetry", "source") {
		if depset.String(s, "name") == name {
			return redact.Text(depset.String(s, "url"))
		}
	}
	return ""
}
