package maven

import (
	"path"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads pom.xml files. The zero value is ready to use and safe for
// concurrent use.
type Extractor struct{}

// New returns a Maven extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "maven" }

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool { return path.Base(p) == "pom.xml" }

// Extract implements extractors.Extractor. A pom that breaks off midway
// yields the dependencies read before the break, and the error at its line.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	p, err := parsePom(f.Content)

	in := inherit(repo, f.Path, p)
	b := builder{path: f.Path, pom: p, props: newProperties(p, in.properties), inherited: in.managed}
	b.imported = importedVersions(repo, &b, located{f.Path, p}, in.chain)
	items := b.items()
	// A parent in the repository is the project's own code, read above; only
	// one fetched from a repository of artifacts is a dependency.
	if p.parent != nil && !in.local {
		items = append(items, b.parent(*p.parent))
	}
	items = dedupe(items)
	slices.SortFunc(items, func(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) })
	return items, err
}

// dedupe keeps the first item of each id, in the order built: dependencies
// before managed versions before the parent.
func dedupe(items []extractors.Item) []extractors.Item {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if !seen[it.ID] {
			seen[it.ID] = true
			out = append(out, it)
		}
	}
	return out
}
