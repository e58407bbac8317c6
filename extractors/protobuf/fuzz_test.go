package protobuf

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/*") {
		f.Add(string(seed.Content))
	}

	f.Fuzz(func(t *testing.T, content string) {
		file := extractors.File{Path: "a.proto", Content: []byte(content)}
		items, err := New().Extract(file, nil)
		// A parse error the parser gives without a position names no line.
		extractortest.CheckItems(t, file, items, err, extractortest.LinelessErrors())
	})
}
