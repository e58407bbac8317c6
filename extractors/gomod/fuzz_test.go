package gomod

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	sum := extractortest.Fixture(f, "testdata/app", "go.sum")
	for _, fx := range [][2]string{
		{"testdata/app", "go.mod"}, {"testdata/app", "tools/go.mod"},
		{"testdata/broken", "go.mod"},
	} {
		f.Add(extractortest.Fixture(f, fx[0], fx[1]), sum)
	}

	f.Fuzz(func(t *testing.T, mod, sum []byte) {
		file := extractors.File{Path: "go.mod", Content: mod}
		items, err := New().Extract(file, extractortest.Files[[]byte]{"go.sum": sum})
		// An error reading go.sum, or one modfile gives without a position,
		// names no line of go.mod.
		extractortest.CheckItems(t, file, items, err, extractortest.LinelessErrors())
	})
}
