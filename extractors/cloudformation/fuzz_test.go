package cloudformation

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/*") {
		f.Add(seed.Content)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		file := extractors.File{Path: "t.yaml", Content: content}
		items, err := New().Extract(file, nil)
		// A resource is named by its logical id, which a template may leave empty.
		extractortest.CheckItems(t, file, items, err, extractortest.UnnamedItems())
	})
}
