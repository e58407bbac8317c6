package python

import (
	"cmp"
	"path"
	"slices"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// lockedPackage is one package a lockfile installs.
type lockedPackage struct {
	name    string // normalised
	version string
	source  string
	url     string
	hash    bool
	deps    []string // normalised names of what it requires
	scope   string   // what the lockfile says of it; "" when it says nothing
	line    int
}

// lockfile is what poetry.lock, uv.lock and Pipfile.lock have in common.
type lockfile struct {
	packages map[string]*lockedPackage
	order    []string // names in file order

	// roots are the project's own requirements when the lockfile records
	// them (uv.lock does), by scope; onlyReached then leaves out packages
	// they do not reach, which belong to other projects of a workspace.
	roots       []depset.Root
	onlyReached bool
	problem     error
}

func newLockfile() *lockfile { return &lockfile{packages: map[string]*lockedPackage{}} }

// add keeps the first entry of a name: a lockfile may hold one version per
// platform or Python version, and an item has one.
func (l *lockfile) add(p *lockedPackage) {
	if _, ok := l.packages[p.name]; ok || p.name == "" {
		return
	}
	l.packages[p.name] = p
	l.order = append(l.order, p.name)
}

func (l *lockfile) next(name string) []string {
	if p := l.packages[name]; p != nil {
		return p.deps
	}
	return nil
}

// lockReader parses one lockfile format. The error is fatal; entries it
// cannot use go to lockfile.problem.
type lockReader func(content []byte) (*lockfile, error)

// extractLockOnly lists a lockfile whose manifest is not beside it. Without
// the manifest, only uv.lock tells which packages are direct.
func extractLockOnly(f extractors.File, repo extractors.Repo, manifest string,
	read lockReader) ([]extractors.Item, error) {
	sibling := path.Join(path.Dir(f.Path), manifest)
	if _, found, _ := depset.ReadSibling(repo, sibling); found {
		return nil, nil
	}
	lock, err := read(f.Content)
	if err != nil {
		return nil, err
	}
	set := depset.New("pypi", f.Path, true)
	direct := map[string]bool{}
	for _, r := range lock.roots {
		direct[r.Node] = true
	}
	mergeLock(set, lock, f.Path)
	for _, d := range set.All() {
		d.Direct = direct[d.Name]
	}
	return set.Items(), lock.problem
}

// loadLock reads the first of the named lockfiles beside a manifest. found
// is true when one exists, even if it could not be read.
func loadLock(repo extractors.Repo, dir string, names []string,
	readers map[string]lockReader) (lock *lockfile, lockPath string, found bool, err error) {
	for _, name := range names {
		p := path.Join(dir, name)
		content, ok, err := depset.ReadSibling(repo, p)
		if err != nil {
			return nil, p, true, err
		}
		if !ok {
			continue
		}
		lock, err := readers[name](content)
		if err != nil {
			return nil, p, true, extractors.InFile(p, err)
		}
		return lock, p, true, extractors.InFile(p, lock.problem)
	}
	return nil, "", false, nil
}

// mergeLock gives the declared dependencies what the lockfile resolved and
// adds the packages installed with them. The walk from the declared ones
// gives each package the scope of the first dependency reaching it, unless
// the lockfile records its scope itself.
func mergeLock(set *depset.Set, l *lockfile, lockPath string) {
	roots := l.roots
	for _, d := range set.All() {
		roots = append(roots, depset.Root{Node: d.Name, Scope: d.Scope})
	}
	slices.SortStableFunc(roots, func(a, b depset.Root) int {
		return scopeRank(a.Scope) - scopeRank(b.Scope)
	})

	reached := map[string]string{}
	for _, r := range depset.Reach(roots, l.next) {
		reached[r.Node] = r.Scope
	}
	for _, name := range l.order {
		p := l.packages[name]
		scope, ok := reached[name]
		if !ok && l.onlyReached {
			continue
		}
		if p.scope != "" {
			scope = p.scope
		}
		dep := set.Get(name)
		if dep == nil {
			dep = set.Add(depset.Dep{Name: name, Scope: cmp.Or(scope, "prod"),
				At:    extractors.Location{Path: lockPath, Line: p.line},
				Extra: map[string]any{"markers": "", "editable": false}})
		}
		resolve(dep, p)
	}
}

// resolve records what the lockfile says of a package. The lockfile knows
// where the package really comes from; a path stays pinned only if the
// manifest found it inside the repository.
func resolve(dep *depset.Dep, p *lockedPackage) {
	dep.Version = p.version
	dep.Hash = dep.Hash || p.hash
	if p.source == depset.SourcePath {
		if dep.Source != depset.SourcePath {
			dep.Source, dep.URL, dep.Pinned = depset.SourcePath, "", false
		}
		return
	}
	dep.Source, dep.URL, dep.Pinned = p.source, redact.Text(p.url), true
}

// scopeRank orders scopes for the walk: production first, then optional
// extras, build requirements, and groups such as dev last.
func scopeRank(scope string) int {
	switch scope {
	case "prod":
		return 0
	case "optional":
		return 1
	case "build":
		return 2
	}
	return 3
}
