package maven

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	parent := extractortest.Fixture(f, "testdata/shop", "pom.xml")
	for _, fx := range [][2]string{
		{"testdata/shop", "service/pom.xml"}, {"testdata/shop", "pom.xml"},
		{"testdata/broken", "pom.xml"}, {"testdata/latin1", "pom.xml"},
		{"testdata/notpom", "pom.xml"},
	} {
		f.Add(extractortest.Fixture(f, fx[0], fx[1]), parent)
	}

	f.Fuzz(func(t *testing.T, pom, parent []byte) {
		// The fuzzed pom's parent is ../pom.xml.
		repo := extractortest.Files[[]byte]{"pom.xml": parent}
		file := extractors.File{Path: "service/pom.xml", Content: pom}
		items, err := New().Extract(file, repo)
		// An error in the parent pom names it in words, not a line of this one.
		extractortest.CheckItems(t, file, items, err, extractortest.LinelessErrors())
	})
}
