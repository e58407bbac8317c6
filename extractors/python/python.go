package python

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads Python manifests and lockfiles. The zero value is ready to
// use and safe for concurrent use.
type Extractor struct{}

// New returns a Python extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "python" }

// Match implements extractors.Extractor: requirements*.txt, the
// dev-requirements.txt kind (a name, then -, _ or ., then requirements.txt),
// any .txt in a folder named requirements, pyproject.toml, Pipfile and the
// lockfiles.
func (*Extractor) Match(p string) bool {
	base := path.Base(p)
	switch base {
	case "pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock":
		return true
	}
	if !strings.HasSuffix(base, ".txt") {
		return false
	}
	return strings.HasPrefix(base, "requirements") || hasRequirementsSuffix(base) ||
		path.Base(path.Dir(p)) == "requirements"
}

// hasRequirementsSuffix reports whether a file name is some name followed
// by -requirements.txt, _requirements.txt or .requirements.txt.
func hasRequirementsSuffix(base string) bool {
	rest, ok := strings.CutSuffix(base, "requirements.txt")
	return ok && rest != "" && strings.ContainsAny(rest[len(rest)-1:], "-_.")
}

// Extract implements extractors.Extractor. A lockfile is read on its own
// only when its manifest is not beside it; otherwise the manifest's items
// already carry what it resolves.
func (x *Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	switch path.Base(f.Path) {
	case "pyproject.toml":
		return extractPyproject(f, repo)
	case "Pipfile":
		return extractPipfile(f, repo)
	case "Pipfile.lock":
		return extractLockOnly(f, repo, "Pipfile", readPipfileLock)
	case "poetry.lock":
		return extractLockOnly(f, repo, "pyproject.toml", readPoetryLock)
	case "uv.lock":
		return extractLockOnly(f, repo, "pyproject.toml", readUVLock)
	}
	return x.extractRequirements(f, repo)
}
