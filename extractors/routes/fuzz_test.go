package routes

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// fuzzExtract checks what any input must give: no panic, every item with
// an id and kind, at a line of the file, and an error line within it.
func fuzzExtract(f *testing.F, x extractors.Extractor, path string, globs ...string) {
	var seeds []string
	for _, glob := range globs {
		matches, err := filepath.Glob(filepath.Join("testdata", glob))
		if err != nil || len(matches) == 0 {
			f.Fatalf("no seeds for %s: %v", glob, err)
		}
		seeds = append(seeds, matches...)
	}
	for _, s := range seeds {
		content, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(content)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		items, err := x.Extract(extractors.File{Path: path, Content: content}, nil)
		lines := bytes.Count(content, []byte("\n")) + 1
		if line := extractortest.ErrorLine(err); err != nil && (line < 1 || line > lines) {
			t.Errorf("error %v points at line %d of %d", err, line, lines)
		}
		for _, it := range items {
			if it.ID == "" || it.Kind != Kind || it.Attributes["endpoint"] == "" {
				t.Errorf("incomplete item: %+v", it)
			}
			if it.Location.Path != path || it.Location.Line < 1 || it.Location.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines",
					it.ID, it.Location, lines)
			}
		}
	})
}

func FuzzExtractGo(f *testing.F) { fuzzExtract(f, NewGo(), "main.go", "go/*.go") }

func FuzzExtractJS(f *testing.F) { fuzzExtract(f, NewJS(), "app.ts", "js/*") }

// FuzzExtractPython reads every input as a URLconf, so that the Flask and
// FastAPI recognisers and the Django one all see it.
func FuzzExtractPython(f *testing.F) {
	fuzzExtract(f, NewPython(), "app/urls.py", "python/*/*/urls.py", "python/*.py")
}

func FuzzExtractJava(f *testing.F) { fuzzExtract(f, NewJava(), "Api.kt", "java/*") }

func FuzzExtractRails(f *testing.F) {
	fuzzExtract(f, NewRails(), "config/routes.rb", "rails/config/routes.rb")
}
