package cargo

import (
	"errors"
	"path"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/keyline"
)

// Extractor reads Cargo.toml and Cargo.lock files. The zero value is ready
// to use and safe for concurrent use.
type Extractor struct{}

// New returns a Cargo extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "cargo" }

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool {
	base := path.Base(p)
	return base == "Cargo.toml" || base == "Cargo.lock"
}

// Extract implements extractors.Extractor. A Cargo.lock is read on its own
// only when no Cargo.toml sits beside it; otherwise the manifest's items
// already carry what it resolves.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	if path.Base(f.Path) == "Cargo.lock" {
		return extractLockOnly(f, repo)
	}

	doc, err := keyline.ParseTOML(f.Content)
	if err != nil {
		return nil, err
	}
	m := readManifest(f.Path, doc)
	root, rootErr := findWorkspaceRoot(repo, m, doc)
	m.inherit(root)
	lock, lockPath, lockErr := findLock(repo, path.Dir(f.Path))

	// A lockfile that exists but cannot be read still locks the build; the
	// failure to read it is the diagnostic.
	set := depset.New("cargo", f.Path, lockPath != "")
	m.addDeclared(set)
	if lock != nil {
		mergeLock(set, m, lock, lockPath)
	}
	return set.Items(), errors.Join(rootErr, lockErr)
}

// extractLockOnly lists a Cargo.lock whose manifest is not in the
// repository: the crates without a source are the project's own, and what
// they depend on is direct.
func extractLockOnly(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	manifest := path.Join(path.Dir(f.Path), "Cargo.toml")
	if _, found, _ := depset.ReadSibling(repo, manifest); found {
		return nil, nil
	}
	doc, err := keyline.ParseTOML(f.Content)
	if err != nil {
		return nil, err
	}
	lock := readLock(doc)
	set := depset.New("cargo", f.Path, true)
	addLockOnly(set, lock, f.Path)
	return set.Items(), lock.problem
}

// findLock looks for the Cargo.lock that applies to a manifest: beside it,
// or at the root of its workspace in a folder above. A lockfile that cannot
// be read is reported, and the manifest's items are listed without it.
func findLock(repo extractors.Repo, dir string) (*lockfile, string, error) {
	for {
		p := path.Join(dir, "Cargo.lock")
		content, found, err := depset.ReadSibling(repo, p)
		if err != nil {
			return nil, p, err
		}
		if found {
			doc, err := keyline.ParseTOML(content)
			if err != nil {
				return nil, p, extractors.InFile(p, err)
			}
			lock := readLock(doc)
			return lock, p, extractors.InFile(p, lock.problem)
		}
		if dir == "." || dir == "/" {
			return nil, "", nil
		}
		dir = path.Dir(dir)
	}
}
