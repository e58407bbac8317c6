package composer

import (
	"bytes"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	f.Add(readFixture(f, "testdata/app", "composer.json"),
		readFixture(f, "testdata/app", "composer.lock"))
	f.Add(readFixture(f, "testdata/unlocked", "composer.json"),
		readFixture(f, "testdata/lockonly", "composer.lock"))
	f.Add(readFixture(f, "testdata/broken", "composer.json"), []byte(`{"packages": [1, {}]}`))

	f.Fuzz(func(t *testing.T, manifest, lock []byte) {
		repo := files{"composer.json": manifest, "composer.lock": lock}
		check(t, repo, "composer.json")
		delete(repo, "composer.json") // then the lockfile on its own
		check(t, repo, "composer.lock")
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
