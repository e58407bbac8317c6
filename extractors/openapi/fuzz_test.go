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
	referenced := string(extractortest.Fixture(f, "testdata", "split/paths/users.yaml"))
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(p, "fuzz") {
			content := string(extractortest.Fixture(f, ".", filepath.ToSlash(p)))
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
		file := extractors.File{Path: name, Content: []byte(content)}
		items, err := New().Extract(file, files)
		// Operations of a referenced file stand in it; its errors are told
		// in words.
		extractortest.CheckItems(t, file, items, err,
			extractortest.ItemsIn(files), extractortest.LinelessErrors())
	})
}
