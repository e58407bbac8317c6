package ruby

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
	f.Add(readFixture(f, "testdata/app", gemfile), readFixture(f, "testdata/app", lock))
	f.Add([]byte(nil), readFixture(f, "testdata/gem", lock))
	f.Add([]byte("group :a do\nend\nend\ngem 'x', git: 'y'"),
		readFixture(f, "testdata/broken", lock))

	f.Fuzz(func(t *testing.T, manifest, lockfile []byte) {
		repo := files{gemfile: manifest, lock: lockfile}
		check(t, repo, gemfile)
		delete(repo, gemfile) // then the lockfile on its own
		check(t, repo, lock)
	})
}

func check(t *testing.T, repo files, p string) {
	t.Helper()
	items, err := New().Extract(extractors.File{Path: p, Content: repo[p]}, repo)
	if line := extractortest.ErrorLine(err); err != nil && line != -1 &&
		(line < 1 || line > lineCount(repo[p])) {
		t.Errorf("%s: error %v points at line %d of %d", p, err, line, lineCount(repo[p]))
	}
	for _, it := range items {
		if it.ID == "" || it.Kind == "" || it.Name == "" {
			t.Errorf("item without id, kind or name: %+v", it)
		}
		content, ok := repo[it.Location.Path]
		if !ok || it.Location.Line < 1 || it.Location.Line > lineCount(content) {
			t.Errorf("item %s at %+v, outside its file", it.ID, it.Location)
		}
	}
}

func lineCount(b []byte) int { return bytes.Count(b, []byte("\n")) + 1 }
