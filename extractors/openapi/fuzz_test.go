package openapi

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	referenced := string(fixture(f, "split/paths/users.yaml"))
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(p, "fuzz") {
			rel, _ := filepath.Rel("testdata", p)
			content := string(fixture(f, filepath.ToSlash(rel)))
			f.Add(content, referenced, strings.HasSuffix(p, ".json"))
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("openapi: 3.1.0\npaths:\n  /a: {$ref: 'paths/users.yaml#/item'}\n", referenced, false)

	f.Fuzz(func(t *testing.T, content, other string, json bool) {
		name := "api.yaml"
		if json {
			name = "api.json"
		}
		files := mapRepo{name: content, "paths/users.yaml": other}
		items, err := New().Extract(extractors.File{Path: name, Content: []byte(content)}, files)

		if line := extractortest.ErrorLine(err); err != nil && line != -1 &&
			(line < 1 || line > lineCount(content)) {
			t.Errorf("error %v points at line %d of %d", err, line, lineCount(content))
		}
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			in, ok := files[it.Location.Path]
			if !ok || it.Location.Line < 1 || it.Location.Line > lineCount(in) {
				t.Errorf("item %s at %+v, outside its file", it.ID, it.Location)
			}
		}
	})
}

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }
