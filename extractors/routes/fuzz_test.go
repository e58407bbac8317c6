package routes

import (
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// fuzzExtract checks what any input must give (see extractortest.CheckItems)
// and that every item is a route with an endpoint, seeded with the fixtures
// the globs under testdata match.
func fuzzExtract(f *testing.F, x extractors.Extractor, path string, globs ...string) {
	var patterns []string
	for _, glob := range globs {
		patterns = append(patterns, filepath.Join("testdata", glob))
	}
	for _, seed := range extractortest.Seeds(f, patterns...) {
		f.Add(seed.Content)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		file := extractors.File{Path: path, Content: content}
		items, err := x.Extract(file, nil)
		extractortest.CheckItems(t, file, items, err)
		for _, it := range items {
			if it.Kind != Kind || it.Attributes["endpoint"] == "" {
				t.Errorf("incomplete item: %+v", it)
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

func FuzzExtractCSharp(f *testing.F) { fuzzExtract(f, NewCSharp(), "Api.cs", "csharp/*") }

func FuzzExtractRails(f *testing.F) {
	fuzzExtract(f, NewRails(), "config/routes.rb", "rails/config/routes.rb")
}
