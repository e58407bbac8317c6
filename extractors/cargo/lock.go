package cargo

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/keyline"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// lockedCrate is one [[package]] of a Cargo.lock.
type lockedCrate struct {
	name, version, source, checksum string
	deps                            []string // references: "name", "name version", ...
	line                            int
}

// key identifies a crate in the lockfile: two versions of a crate can be
// locked side by side.
func (c *lockedCrate) key() string { return c.name + " " + c.version }

// lockfile is a Cargo.lock's crates, in file order.
type lockfile struct {
	crates  []*lockedCrate
	byKey   map[string]*lockedCrate
	byName  map[string][]*lockedCrate
	problem error // the first entry that could not be used
}

func readLock(doc *keyline.Document) *lockfile {
	l := &lockfile{byKey: map[string]*lockedCrate{}, byName: map[string][]*lockedCrate{}}
	v1sums := depset.Table(doc.Root, "metadata")
	for i, entry := range depset.List(doc.Root, "package") {
		c := &lockedCrate{
			name: depset.String(entry, "name"), version: depset.String(entry, "version"),
			source: depset.String(entry, "source"), checksum: depset.String(entry, "checksum"),
			line: doc.Line("package", strconv.Itoa(i)),
		}
		if c.name == "" || c.version == "" {
			if l.problem == nil {
				l.problem = extractors.AtLine(c.line,
					errors.New("package without a name or version"))
			}
			continue
		}
		for _, d := range depset.List(entry, "dependencies") {
			if s, ok := d.(string); ok {
				c.deps = append(c.deps, s)
			}
		}
		if c.checksum == "" {
			c.checksum = v1Checksum(v1sums, c)
		}
		l.add(c)
	}
	return l
}

func (l *lockfile) add(c *lockedCrate) {
	if _, dup := l.byKey[c.key()]; dup {
		return
	}
	l.crates = append(l.crates, c)
	l.byKey[c.key()] = c
	l.byName[c.name] = append(l.byName[c.name], c)
}

// v1Checksum finds a crate's checksum in the [metadata] table of a version 1
// lockfile, keyed "checksum <name> <version> (<source>)".
func v1Checksum(meta map[string]any, c *lockedCrate) string {
	s, _ := meta["checksum "+c.key()+" ("+c.source+")"].(string)
	if s == "<none>" {
		return ""
	}
	return s
}

// resolve finds the crate a dependency reference names: "name" when one
// version is locked, "name version" or "name version (source)" otherwise.
func (l *lockfile) resolve(ref string) *lockedCrate {
	fields := strings.Fields(ref)
	switch {
	case len(fields) == 0:
		return nil
	case len(fields) >= 2:
		return l.byKey[fields[0]+" "+fields[1]]
	case len(l.byName[fields[0]]) > 0:
		return l.byName[fields[0]][0]
	}
	return nil
}

// next returns the keys of the crates a crate depends on.
func (l *lockfile) next(key string) []string {
	c := l.byKey[key]
	if c == nil {
		return nil
	}
	var keys []string
	for _, ref := range c.deps {
		if d := l.resolve(ref); d != nil {
			keys = append(keys, d.key())
		}
	}
	return keys
}

// mergeLock gives the declared dependencies what the lockfile resolved and
// adds every crate reached through them. The walk starts at the manifest's
// own crate; a manifest without one (a virtual workspace root) or missing
// from the lockfile only gets its declared crates resolved by name.
func mergeLock(set *depset.Set, m *manifest, l *lockfile, lockPath string) {
	var roots []depset.Root
	self := l.ownCrate(m.crate)
	if self != nil {
		for _, key := range l.next(self.key()) {
			scope := m.scopeOf(l.byKey[key].name)
			roots = append(roots, depset.Root{Node: key, Scope: cmp.Or(scope, "prod")})
		}
	}
	sortRoots(roots)

	for _, r := range depset.Reach(roots, l.next) {
		c := l.byKey[r.Node]
		if c == self {
			continue
		}
		dep := set.Get(c.name)
		if dep == nil {
			if c.source == "" {
				continue // a workspace member: its own manifest lists it
			}
			dep = set.Add(depset.Dep{Name: c.name, Scope: r.Scope,
				At: extractors.Location{Path: lockPath, Line: c.line}})
		}
		resolveDep(dep, c)
	}
	for _, name := range declaredNames(set, m) {
		if dep := set.Get(name); dep.Version == "" && len(l.byName[name]) > 0 {
			resolveDep(dep, l.byName[name][0])
		}
	}
}

// ownCrate is the manifest's crate in the lockfile: a crate without a
// source, since it is built from the workspace.
func (l *lockfile) ownCrate(name string) *lockedCrate {
	for _, c := range l.byName[name] {
		if c.source == "" {
			return c
		}
	}
	return nil
}

// resolveDep records what the lockfile says once per crate: the first
// version reached is the one the manifest's crate uses most directly.
func resolveDep(dep *depset.Dep, c *lockedCrate) {
	if dep.Version != "" {
		return
	}
	dep.Version = c.version
	dep.Hash = c.checksum != ""
	source, url := lockSource(c.source)
	if source == depset.SourcePath {
		if dep.Source != depset.SourcePath {
			dep.Source, dep.URL = depset.SourcePath, ""
		}
		return
	}
	dep.Source, dep.URL, dep.Pinned = source, redact.Text(url), true
}

// lockSource reads a lockfile source: "registry+URL" or "sparse+URL" for a
// registry index, "git+URL?query#commit" for a checkout, nothing for a path.
func lockSource(s string) (source, url string) {
	kind, rest, _ := strings.Cut(s, "+")
	switch kind {
	case "":
		return depset.SourcePath, ""
	case "git":
		url, _, _ = strings.Cut(rest, "#")
		return depset.SourceGit, url
	}
	return depset.SourceRegistry, rest
}

// addLockOnly lists a lockfile without its manifest: crates without a
// source are the project's own, the crates they depend on are direct. The
// lockfile does not tell dev and build crates from the others, so the scope
// is unknown.
func addLockOnly(set *depset.Set, l *lockfile, lockPath string) {
	direct := map[string]bool{}
	var roots []depset.Root
	for _, c := range l.crates {
		if c.source == "" {
			roots = append(roots, depset.Root{Node: c.key(), Scope: "unknown"})
		}
	}
	for _, r := range roots {
		for _, key := range l.next(r.Node) {
			direct[key] = true
		}
	}
	for _, r := range depset.Reach(roots, l.next) {
		c := l.byKey[r.Node]
		if c.source == "" {
			continue
		}
		dep := set.Add(depset.Dep{Name: c.name, Direct: direct[r.Node], Scope: r.Scope,
			At: extractors.Location{Path: lockPath, Line: c.line}})
		resolveDep(dep, c)
	}
}

func declaredNames(set *depset.Set, m *manifest) []string {
	var names []string
	for _, d := range m.deps {
		if set.Get(d.name) != nil {
			names = append(names, d.name)
		}
	}
	return names
}

func sortRoots(roots []depset.Root) {
	slices.SortStableFunc(roots, func(a, b depset.Root) int {
		return scopeOrder[a.Scope] - scopeOrder[b.Scope]
	})
}
