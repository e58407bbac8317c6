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

	b := builder{path: f.Path, pom: p, props: newProperties(p)}
	items := b.items()
	if p.parent != nil {
		items = append(items, b.parent(*p.parent, localParent(repo, f.Path, *p.parent)))
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

// localParent reports whether the parent pom is a file of the repository,
// found the way Maven looks for it: at relativePath, ../pom.xml by default,
// and only when its coordinates are the ones the child names.
func localParent(repo extractors.Repo, child string, parent declaration) bool {
	rel := "../pom.xml"
	if parent.hasRelativePath {
		rel = parent.relativePath
	}
	if rel == "" {
		return false
	}
	p := path.Join(path.Dir(child), strings.ReplaceAll(rel, `\`, "/"))
	if !strings.HasSuffix(p, ".xml") {
		p = path.Join(p, "pom.xml")
	}
	if p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p) {
		return false
	}

	data, err := repo.ReadFile(p)
	if err != nil {
		return false
	}
	found, err := parsePom(data)
	if err != nil {
		return false
	}
	group := found.group
	if group == "" && found.parent != nil {
		group = found.parent.group
	}
	return group == parent.group && found.artifact == parent.artifact
}
