package dotnet

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads .NET project files, Directory.Build.props,
// Directory.Packages.props and packages.config. The zero value is ready to
// use and safe for concurrent use.
type Extractor struct{}

// New returns a .NET extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "dotnet" }

// The files read for their own items besides project files.
const (
	packagesConfig  = "packages.config"
	buildProps      = "Directory.Build.props"
	centralPackages = "Directory.Packages.props"
	lockName        = "packages.lock.json"
)

var projectExts = []string{".csproj", ".fsproj", ".vbproj"}

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool {
	base := path.Base(p)
	return slices.Contains(projectExts, path.Ext(base)) && base != path.Ext(base) ||
		base == packagesConfig || base == buildProps || base == centralPackages
}

// Extract implements extractors.Extractor. Errors in the file itself carry
// their line; those of a sibling file name it and its line in the message.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	var items []extractors.Item
	var err error
	switch path.Base(f.Path) {
	case packagesConfig:
		items, err = extractConfig(f)
	default:
		items, err = extractProject(f, repo)
	}
	slices.SortFunc(items, func(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) })
	return items, err
}

// extractProject reads an MSBuild file, with the central versions and the
// lockfile that apply to it.
func extractProject(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	root, err := parseXML(f.Content, path.Base(f.Path))
	proj := readProject(root)

	b := builder{path: f.Path, project: proj}
	var siblingErrs []error
	if path.Base(f.Path) != centralPackages {
		central, cerr := loadCentral(repo, path.Dir(f.Path))
		b.central, siblingErrs = central, append(siblingErrs, cerr)
	}
	if slices.Contains(projectExts, path.Ext(f.Path)) {
		b.lockPath = path.Join(path.Dir(f.Path), lockName)
		lock, lerr := loadLock(repo, b.lockPath)
		b.lock, siblingErrs = lock, append(siblingErrs, lerr)
	}
	// Each error becomes a diagnostic at its own file: the project's, the
	// central package file's or the lockfile's.
	return b.items(), errors.Join(append([]error{err}, siblingErrs...)...)
}

// loadCentral reads the Directory.Packages.props nearest above dir, the one
// MSBuild imports into the project.
func loadCentral(repo extractors.Repo, dir string) (*project, error) {
	for {
		p := path.Join(dir, centralPackages)
		data, err := repo.ReadFile(p)
		switch {
		case err == nil:
			root, perr := parseXML(data, centralPackages)
			return readProject(root), extractors.InFile(p, perr)
		case !errors.Is(err, extractors.ErrNotInInventory):
			return nil, extractors.InFile(p, fmt.Errorf("read: %w", err))
		case dir == "." || dir == "/" || dir == "":
			return nil, nil
		}
		dir = path.Dir(dir)
	}
}

// loadLock reads the packages.lock.json beside a project, if there is one.
func loadLock(repo extractors.Repo, p string) (*lockfile, error) {
	data, err := repo.ReadFile(p)
	if errors.Is(err, extractors.ErrNotInInventory) {
		return nil, nil
	}
	if err != nil {
		return nil, extractors.InFile(p, fmt.Errorf("read: %w", err))
	}
	lock, err := readLock(data)
	return lock, extractors.InFile(p, err)
}
