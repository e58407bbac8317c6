package terraform

import (
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/*.tf*") {
		f.Add(seed.Content, filepath.Ext(seed.Path) == ".json")
	}

	f.Fuzz(func(t *testing.T, content []byte, json bool) {
		name := "main.tf"
		if json {
			name += ".json"
		}
		file := extractors.File{Path: name, Content: content}
		items, err := New().Extract(file, nil)
		extractortest.CheckItems(t, file, items, err)
	})
}
