package npm

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, d := range dirs {
		manifest, _ := os.ReadFile(filepath.Join("testdata", d.Name(), "package.json"))
		lock, _ := os.ReadFile(filepath.Join("testdata", d.Name(), "package-lock.json"))
		f.Add(string(manifest), string(lock))
	}

	f.Fuzz(func(t *testing.T, manifest, lock string) {
		files := mapRepo{"package.json": manifest, "package-lock.json": lock}
		items, err := extractMap(t, files)
		checkErrorLines(t, files, err)
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			content, ok := files[it.Location.Path]
			if !ok || it.Location.Line < 1 || it.Location.Line > lineCount(content) {
				t.Errorf("item %s at %+v, outside its file", it.ID, it.Location)
			}
		}
	})
}

// checkErrorLines checks that each error an extraction joins names a line
// of the file it is about: the lockfile it names, or else package.json.
func checkErrorLines(t *testing.T, files mapRepo, err error) {
	t.Helper()
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	for _, e := range errs {
		content := files["package.json"]
		if p := extractortest.ErrorFile(e); p != "" {
			content = files[p]
		}
		if line := extractortest.ErrorLine(e); e != nil && line != -1 &&
			(line < 1 || line > lineCount(content)) {
			t.Errorf("error %v points at line %d, outside the file it names", e, line)
		}
	}
}

func lineCount(s string) int { return bytes.Count([]byte(s), []byte("\n")) + 1 }
