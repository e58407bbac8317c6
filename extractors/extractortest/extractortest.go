package extractortest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors"
)

// DirRepo serves the files of a fixture directory as extractors.Repo does:
// a missing file is reported as not in the inventory.
type DirRepo string

// ReadFile reads a slash-separated path under the directory.
func (d DirRepo) ReadFile(p string) ([]byte, error) {
	content, err := os.ReadFile(filepath.Join(string(d), filepath.FromSlash(p)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, extractors.ErrNotInInventory
	}
	return content, err
}

// Files serves files held in memory, keyed by slash-separated path, as
// extractors.Repo does: a path it does not hold is not in the inventory.
// Tables write contents as strings; fuzz tests get them as bytes.
type Files[T ~string | ~[]byte] map[string]T

// ReadFile returns the content held for p.
func (f Files[T]) ReadFile(p string) ([]byte, error) {
	content, ok := f[p]
	if !ok {
		return nil, extractors.ErrNotInInventory
	}
	return []byte(content), nil
}

// Fixture reads the file at the slash-separated path p under dir, and stops
// the test when it cannot.
func Fixture(t testing.TB, dir, p string) []byte {
	t.Helper()
	content, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return content
}

// A Seed is a fixture file a fuzz test starts from.
type Seed struct {
	Path    string // as the pattern matched it
	Content []byte
}

// Seeds reads the files each pattern (as filepath.Glob) matches, in order,
// leaving directories out. It stops the test when a pattern matches no
// file: a fuzz test without its seeds would explore far less.
func Seeds(t testing.TB, patterns ...string) []Seed {
	t.Helper()
	var seeds []Seed
	for _, pattern := range patterns {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatalf("seeds %s: %v", pattern, err)
		}
		found := len(seeds)
		for _, p := range matches {
			if info, err := os.Stat(p); err == nil && !info.IsDir() {
				seeds = append(seeds, Seed{Path: p, Content: Fixture(t, ".", p)})
			}
		}
		if len(seeds) == found {
			t.Fatalf("no seed file matches %s", pattern)
		}
	}
	return seeds
}

// ExtractFixture runs x on the file at p under dir, with dir as the
// repository it reads other files from, as a walk of dir would.
func ExtractFixture(t testing.TB, x extractors.Extractor,
	dir, p string) ([]extractors.Item, error) {
	t.Helper()
	file := extractors.File{Path: p, Content: Fixture(t, dir, p)}
	return x.Extract(file, DirRepo(dir))
}
