package ruby

import (
	"path"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// Extractor reads Gemfiles and their lockfiles. The zero value is ready to
// use and safe for concurrent use.
type Extractor struct{}

// New returns a Ruby extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "ruby" }

// lockOf names the lockfile of each manifest name Bundler accepts.
var lockOf = map[string]string{"Gemfile": "Gemfile.lock", "gems.rb": "gems.locked"}

// manifestOf names the manifest of each lockfile name.
var manifestOf = map[string]string{"Gemfile.lock": "Gemfile", "gems.locked": "gems.rb"}

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool {
	base := path.Base(p)
	return lockOf[base] != "" || manifestOf[base] != ""
}

// Extract implements extractors.Extractor. A lockfile is read on its own
// only when its Gemfile is not beside it.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	dir, base := path.Dir(f.Path), path.Base(f.Path)
	if manifest, ok := manifestOf[base]; ok {
		if _, found, _ := depset.ReadSibling(repo, path.Join(dir, manifest)); found {
			return nil, nil
		}
		lock := readLock(f.Content, dir)
		set := depset.New("rubygems", f.Path, true)
		mergeLock(set, lock, f.Path, "unknown")
		return set.Items(), lock.problem
	}

	lockPath := path.Join(dir, lockOf[base])
	content, found, err := depset.ReadSibling(repo, lockPath)
	set := depset.New("rubygems", f.Path, found)
	addDeclared(set, f.Path, readGemfile(f.Content))
	if content != nil {
		lock := readLock(content, dir)
		mergeLock(set, lock, lockPath, "prod")
		err = extractors.InFile(lockPath, lock.problem)
	}
	return set.Items(), err
}

func addDeclared(set *depset.Set, manifest string, gems []declaredGem) {
	dir := path.Dir(manifest)
	for _, g := range gems {
		d := depset.Dep{Name: g.name, Constraint: strings.Join(g.constraints, ", "),
			Direct: true, Scope: groupScope(g.groups), Source: depset.SourceRegistry,
			URL: redact.Text(g.source),
			At:  extractors.Location{Path: manifest, Line: g.line}}
		switch {
		case g.path != "":
			d.Source, d.URL = depset.SourcePath, ""
			d.Pinned = depset.InsideRepository(dir, g.path)
		case g.git != "":
			d.Source, d.URL = depset.SourceGit, redact.Text(g.git)
		default:
			d.Pinned = exactVersion(g.constraints)
		}
		set.Add(d)
	}
}

// groupScope names the scope of a gem's groups: production when it is in
// the default group, dev for development, otherwise its first group.
func groupScope(groups []string) string {
	if len(groups) == 0 {
		return "prod"
	}
	for _, g := range groups {
		if g == "default" {
			return "prod"
		}
	}
	if groups[0] == "development" {
		return "dev"
	}
	return groups[0]
}

// exactVersion reports a single requirement naming one version: "1.2.3" or
// "= 1.2.3".
func exactVersion(constraints []string) bool {
	if len(constraints) != 1 {
		return false
	}
	v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(constraints[0]), "="))
	return v != "" && strings.IndexFunc(v, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.')
	}) < 0
}

// mergeLock completes the declared gems from the lockfile and adds the ones
// installed with them. Gems the lockfile's DEPENDENCIES name but the Gemfile
// does not show plainly (declared in a loop, another file, or a gemspec)
// are direct, at their lockfile line, with scope; the lockfile records no
// groups, so without a Gemfile their scope is unknown.
func mergeLock(set *depset.Set, l *gemLock, lockPath, scope string) {
	for _, d := range l.direct {
		if g := l.gems[d.name]; g != nil && g.own {
			continue
		}
		dep := set.Add(depset.Dep{Name: d.name, Constraint: d.constraint, Direct: true,
			Scope: scope, At: extractors.Location{Path: lockPath, Line: d.line}})
		if dep.Constraint == "" {
			dep.Constraint = d.constraint // set by Ruby code the Gemfile reader does not follow
		}
	}
	for _, name := range l.order {
		if g := l.gems[name]; g.own {
			for _, dep := range g.deps {
				set.Add(depset.Dep{Name: dep, Direct: true, Scope: "prod",
					At: extractors.Location{Path: lockPath, Line: g.line}})
			}
		}
	}

	var roots []depset.Root
	for _, d := range set.All() {
		roots = append(roots, depset.Root{Node: d.Name, Scope: d.Scope})
	}
	slices.SortStableFunc(roots, func(a, b depset.Root) int {
		return scopeRank(a.Scope) - scopeRank(b.Scope)
	})
	for _, r := range depset.Reach(roots, l.next) {
		g := l.gems[r.Node]
		if g == nil || g.own {
			continue
		}
		dep := set.Get(g.name)
		if dep == nil {
			dep = set.Add(depset.Dep{Name: g.name, Scope: r.Scope,
				At: extractors.Location{Path: lockPath, Line: g.line}})
		}
		dep.Version, dep.Source, dep.URL, dep.Pinned = g.version, g.source, g.url, g.pinned
		dep.Hash = l.hashed(g)
	}
}

// scopeRank orders the walk: production first, then dev, then any other
// group, so that a gem production needs is never labelled by another group.
func scopeRank(scope string) int {
	switch scope {
	case "prod":
		return 0
	case "dev":
		return 1
	}
	return 2
}
