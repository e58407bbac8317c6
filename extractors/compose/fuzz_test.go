package compose

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/docker-compose.yml",
		"testdata/compose.yaml") {
		f.Add(seed.Content)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		file := extractors.File{Path: "compose.yaml", Content: content}
		items, err := New().Extract(file, nil)
		extractortest.CheckItems(t, file, items, err)
	})
}
