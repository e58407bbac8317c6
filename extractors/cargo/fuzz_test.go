package cargo

import (
	"bytes"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// files serves fuzzed content as a repository.
type files map[string][]byte

func (f files) ReadFile(p string) ([]byte, error) {
	if content, ok := f[p]; ok {
		return content, nil
	}
	return nil, extractors.ErrNotInInventory
}

func FuzzExtract(f *testing.F) {
	for _, fx := range [][3]string{
		{"testdata/workspace", "crates/api/Cargo.toml", "Cargo.lock"},
		{"testdata/single", "Cargo.toml", ""},
		{"testdata/lockonly", "", "Cargo.lock"},
		{"testdata/broken", "Cargo.toml", ""},
	} {
		var manifest, lock []byte
		if fx[1] != "" {
			manifest = readFixture(f, fx[0], fx[1])
		}
		if fx[2] != "" {
			lock = readFixture(f, fx[0], fx[2])
		}
		f.Add(manifest, lock)
	}

	f.Fuzz(func(t *testing.T, manifest, lock []byte) {
		repo := files{"Cargo.toml": manifest, "Cargo.lock": lock}
		for _, p := range []string{"Cargo.toml", "Cargo.lock"} {
			if p == "Cargo.lock" {
				delete(repo, "Cargo.toml") // read the lockfile on its own
			}
			items, err := New().Extract(extractors.File{Path: p, Content: repo[p]}, repo)
			checkResult(t, repo, p, items, err)
		}
	})
}

func checkResult(t *testing.T, repo files, p string, items []extractors.Item, err error) {
	t.Helper()
	if line := extractortest.ErrorLine(err); err != nil && line != -1 &&
		(line < 1 || line > lineCount(repo[p])) {
		t.Errorf("%s: error %v points at line %d of %d", p, err, line, lineCount(repo[p]))
	}
	for _, it := range items {
		if it.ID == "" || it.Kind == "" {
			t.Errorf("item without id or kind: %+v", it)
		}
		content, ok := repo[it.Location.Path]
		if !ok || it.Location.Line < 1 || it.Location.Line > lineCount(content) {
			t.Errorf("item %s at %+v, outside its file", it.ID, it.Location)
		}
	}
}

func lineCount(b []byte) int { return bytes.Count(b, []byte("\n")) + 1 }
