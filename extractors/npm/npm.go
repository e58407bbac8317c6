package npm

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads package.json files and their lockfiles. The zero value is
// ready to use and safe for concurrent use.
type Extractor struct{}

// New returns an npm extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "npm" }

// Match implements extractors.Extractor. Installed packages are someone
// else's manifests, so anything under node_modules is left out even when a
// walk is told not to skip it.
func (*Extractor) Match(p string) bool {
	return path.Base(p) == "package.json" &&
		!slices.Contains(strings.Split(path.Dir(p), "/"), "node_modules")
}

// lockReader reads one lockfile format for the package.json imp. Its
// declared dependencies are where a walk of a yarn or pnpm dependency graph
// starts. A reader returns no lockfile, and no error, when the lockfile
// does not cover a workspace member.
type lockReader func(data []byte, imp importer, probs *problems) (*lockfile, error)

// lockFiles are the lockfiles read beside package.json, first found wins:
// npm's own in npm's order of preference, then yarn's and pnpm's. A
// repository keeps one; npm's format says the most when several remain.
var lockFiles = []struct {
	name string
	read lockReader
}{
	{"npm-shrinkwrap.json", readNpmLock},
	{"package-lock.json", readNpmLock},
	{"yarn.lock", readYarn},
	{"pnpm-lock.yaml", readPnpm},
}

// readNpmLock reads a package-lock.json for imp. Without workspaces the
// whole lockfile is the package.json's, as npm installs it.
func readNpmLock(data []byte, imp importer, probs *problems) (*lockfile, error) {
	l, err := readLock(data, probs)
	switch {
	case err != nil:
		return nil, err
	case imp.workspaces && l.packages != nil:
		return l.forImporter(imp), nil
	case imp.member():
		return nil, nil
	}
	return l, nil
}

// Extract implements extractors.Extractor. A broken package.json yields no
// items; a lockfile that cannot be read is reported, and the direct
// dependencies are then listed without what it would have resolved.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	var probs problems
	deps, err := readManifest(f.Content, &probs)
	if err != nil {
		return nil, parseError(err)
	}
	dir := path.Dir(f.Path)
	own := importer{dir: ".", deps: deps, workspaces: declaresWorkspaces(f.Content)}
	lock, lockPath, lockErr := loadLock(repo, dir, own)
	if lockPath == "" {
		lock, lockPath = workspaceLock(repo, dir, deps)
	}

	b := builder{manifest: f.Path, lockPath: lockPath, lock: lock}
	items := b.items(deps)
	slices.SortFunc(items, func(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) })
	return items, errors.Join(probs.first, lockErr)
}

// loadLock reads the first lockfile present in dir. Its errors are placed
// at the lockfile, not at package.json.
func loadLock(repo extractors.Repo, dir string, imp importer) (*lockfile, string, error) {
	for _, lf := range lockFiles {
		p := path.Join(dir, lf.name)
		data, err := repo.ReadFile(p)
		if errors.Is(err, extractors.ErrNotInInventory) {
			continue
		}
		if err != nil {
			return nil, p, extractors.InFile(p, fmt.Errorf("read: %w", err))
		}

		var probs problems
		lock, err := lf.read(data, imp, &probs)
		if err != nil {
			return nil, p, extractors.InFile(p, err)
		}
		return lock, p, extractors.InFile(p, probs.first)
	}
	return nil, "", nil
}

// workspaceLock finds the lockfile of the workspace a package.json without
// its own lockfile belongs to: the nearest one above whose contents list
// this folder as a member. Errors in that lockfile are left out: the
// workspace root's own package.json reports them, and a member the broken
// file would have covered counts as unlocked.
func workspaceLock(repo extractors.Repo, dir string, deps map[string]direct) (*lockfile, string) {
	for root := dir; root != "."; {
		root = path.Dir(root)
		rel := strings.TrimPrefix(dir, root+"/")
		if root == "." {
			rel = dir
		}
		manifest, _ := repo.ReadFile(path.Join(root, "package.json"))
		imp := importer{dir: rel, deps: deps, workspaces: declaresWorkspaces(manifest)}
		if lock, lockPath, _ := loadLock(repo, root, imp); lock != nil {
			return lock, lockPath
		}
	}
	return nil, ""
}

// parseError adds context inside the line error, whose own message is what
// a diagnostic shows.
func parseError(err error) error {
	var le *extractors.LineError
	if errors.As(err, &le) {
		return extractors.AtLine(le.Line, fmt.Errorf("parse package.json: %w", le.Err))
	}
	return fmt.Errorf("parse package.json: %w", err)
}
