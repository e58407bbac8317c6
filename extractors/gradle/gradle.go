package gradle

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads Gradle build scripts. The zero value is ready to use and
// safe for concurrent use.
type Extractor struct{}

// New returns a Gradle extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "gradle" }

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool {
	base := path.Base(p)
	return base == "build.gradle" || base == "build.gradle.kts"
}

// The files read beside or above a build script.
const (
	catalogPath    = "gradle/libs.versions.toml"
	propertiesName = "gradle.properties"
	lockName       = "gradle.lockfile"
)

// Extract implements extractors.Extractor. Errors in the script carry their
// line; those of the catalog, properties or lockfile name the file and its
// line in the message.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	toks, lexErr := lex(f.Content)
	dir := path.Dir(f.Path)

	var siblingErrs []error
	cat, err := loadCatalog(repo, dir)
	siblingErrs = append(siblingErrs, err)
	props, err := loadProperties(repo, dir)
	siblingErrs = append(siblingErrs, err)
	lock, err := loadLockfile(repo, path.Join(dir, lockName))
	siblingErrs = append(siblingErrs, err)

	s := &scope{vars: collectVariables(toks), props: props, catalog: cat,
		inherited: loadInheritedExt(repo, dir), kotlin: strings.HasSuffix(f.Path, ".kts")}
	b := builder{path: f.Path, lockPath: path.Join(dir, lockName), lock: lock}
	for _, d := range parse(toks) {
		for _, dep := range s.interpret(d) {
			b.add(dep)
		}
	}
	items := b.items()
	slices.SortFunc(items, func(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) })
	// Each error becomes a diagnostic at its own file: the script's, the
	// version catalog's or the lockfile's.
	return items, errors.Join(append([]error{lexErr}, siblingErrs...)...)
}

// findUp reads rel in dir or the nearest directory above it that has it.
func findUp(repo extractors.Repo, dir, rel string) ([]byte, string, error) {
	for {
		p := path.Join(dir, rel)
		data, err := repo.ReadFile(p)
		switch {
		case err == nil:
			return data, p, nil
		case !errors.Is(err, extractors.ErrNotInInventory):
			return nil, p, extractors.InFile(p, fmt.Errorf("read: %w", err))
		case dir == "." || dir == "/" || dir == "":
			return nil, "", nil
		}
		dir = path.Dir(dir)
	}
}

// loadCatalog reads the version catalog of the build the script is part
// of: gradle/libs.versions.toml in the nearest directory above that has one.
func loadCatalog(repo extractors.Repo, dir string) (*catalog, error) {
	data, p, err := findUp(repo, dir, catalogPath)
	if data == nil {
		return nil, err
	}
	cat, err := parseCatalog(data)
	return cat, extractors.InFile(p, err)
}

// loadProperties reads every gradle.properties from the script's directory
// up to the root; a subproject's own file wins over those above it.
func loadProperties(repo extractors.Repo, dir string) (map[string]string, error) {
	props := map[string]string{}
	for {
		data, p, err := findUp(repo, dir, propertiesName)
		if data == nil {
			return props, err
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' || line[0] == '!' {
				continue
			}
			i := strings.IndexAny(line, "=:")
			if i < 0 {
				continue
			}
			key := strings.TrimSpace(line[:i])
			if _, seen := props[key]; !seen {
				props[key] = strings.TrimSpace(line[i+1:])
			}
		}
		if dir = path.Dir(p); dir == "." {
			return props, nil
		}
		dir = path.Dir(dir)
	}
}

func loadLockfile(repo extractors.Repo, p string) (*lockfile, error) {
	data, err := repo.ReadFile(p)
	if errors.Is(err, extractors.ErrNotInInventory) {
		return nil, nil
	}
	if err != nil {
		return nil, extractors.InFile(p, fmt.Errorf("read: %w", err))
	}
	lock, err := parseLockfile(data)
	return lock, extractors.InFile(p, err)
}
