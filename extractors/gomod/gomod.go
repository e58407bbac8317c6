package gomod

import (
	"path"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
)

// Extractor reads go.mod files. The zero value is ready to use and safe for
// concurrent use.
type Extractor struct{}

// New returns a go.mod extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "gomod" }

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool { return path.Base(p) == "go.mod" }

// Extract implements extractors.Extractor. A go.sum that cannot be read is
// reported, and every dependency is then listed without a checksum.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	mf, err := modfile.Parse(f.Path, f.Content, nil)
	if err != nil {
		return nil, parseError(err)
	}
	sums, sumErr := readSums(repo, path.Join(path.Dir(f.Path), "go.sum"))
	m := manifest{path: f.Path, replaces: mf.Replace, sums: sums}

	seen := map[string]bool{}
	var items []extractors.Item
	for _, req := range mf.Require {
		it := m.item(req)
		if !seen[it.ID] {
			seen[it.ID] = true
			items = append(items, it)
		}
	}
	slices.SortFunc(items, func(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) })
	return items, sumErr
}

// manifest is what one go.mod says about its requirements.
type manifest struct {
	path     string
	replaces []*modfile.Replace
	sums     sumSet
}

// item describes one requirement with the attributes every ecosystem
// shares. go.mod is its own lockfile: the go command builds with exactly the
// versions it lists (minimal version selection), so every version is exact,
// as written, and locked. Go has no development dependencies: all are prod.
func (m manifest) item(req *modfile.Require) extractors.Item {
	attrs := map[string]any{
		"ecosystem":  "go",
		"name":       req.Mod.Path,
		"version":    req.Mod.Version,
		"constraint": req.Mod.Version,
		"direct":     !req.Indirect,
		"scope":      "prod",
		"locked":     true,
	}
	m.source(attrs, req.Mod)
	return extractors.Item{
		ID:         "dependency:" + m.path + "#" + req.Mod.Path,
		Kind:       "dependency",
		Name:       req.Mod.Path,
		Exposure:   extractors.ExposureInternal,
		Attributes: attrs,
		Location:   extractors.Location{Path: m.path, Line: req.Syntax.Start.Line},
	}
}

// source records where the module's code really comes from. Go versions are
// exact, so a module version is pinned; a local directory is pinned only when
// it lies inside the repository, whose commit then fixes its content.
func (m manifest) source(attrs map[string]any, mod module.Version) {
	rep := replacementOf(m.replaces, mod)
	switch {
	case rep == nil:
		attrs["source"], attrs["pinned"] = depset.SourceRegistry, true
		attrs["hash"] = m.sums.has(mod)
	case rep.New.Version == "":
		attrs["source"] = depset.SourcePath
		attrs["pinned"] = insideRepository(path.Dir(m.path), rep.New.Path)
		attrs["replaced_by"], attrs["hash"] = rep.New.Path, false
	default:
		attrs["source"], attrs["pinned"] = "module", true
		attrs["replaced_by"] = rep.New.Path + "@" + rep.New.Version
		attrs["hash"] = m.sums.has(rep.New)
	}
}

// replacementOf applies the go command's rule: a replace naming the version
// wins over one that covers every version of the module.
func replacementOf(reps []*modfile.Replace, mod module.Version) *modfile.Replace {
	var anyVersion *modfile.Replace
	for _, r := range reps {
		switch {
		case r.Old.Path != mod.Path:
		case r.Old.Version == mod.Version:
			return r
		case r.Old.Version == "":
			anyVersion = r
		}
	}
	return anyVersion
}

// insideRepository reports whether dir joined with a replace's directory path
// stays in the repository. Windows separators are accepted, as go.mod files
// travel between systems.
func insideRepository(dir, target string) bool {
	target = strings.ReplaceAll(target, `\`, "/")
	if path.IsAbs(target) || len(target) >= 2 && target[1] == ':' {
		return false
	}
	joined := path.Join(dir, target)
	return joined != ".." && !strings.HasPrefix(joined, "../")
}
