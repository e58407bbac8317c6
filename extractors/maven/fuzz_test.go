package maven

import (
	"bytes"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// parentRepo serves one parent pom at ../pom.xml of the fuzzed pom.
type parentRepo []byte

func (p parentRepo) ReadFile(name string) ([]byte, error) {
	if name != "pom.xml" {
		return nil, extractors.ErrNotInInventory
	}
	return p, nil
}

func FuzzExtract(f *testing.F) {
	parent := readFixture(f, "testdata/shop", "pom.xml")
	for _, fx := range [][2]string{
		{"testdata/shop", "service/pom.xml"}, {"testdata/shop", "pom.xml"},
		{"testdata/broken", "pom.xml"}, {"testdata/latin1", "pom.xml"},
		{"testdata/notpom", "pom.xml"},
	} {
		f.Add(readFixture(f, fx[0], fx[1]), parent)
	}

	f.Fuzz(func(t *testing.T, pom, parent []byte) {
		const name = "service/pom.xml"
		items, err := New().Extract(extractors.File{Path: name, Content: pom}, parentRepo(parent))
		lines := bytes.Count(pom, []byte("\n")) + 1
		if line := extractortest.ErrorLine(err); err != nil && line != -1 &&
			(line < 1 || line > lines) {
			t.Errorf("error %v points at line %d of %d", err, line, lines)
		}
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			if it.Location.Path != name || it.Location.Line < 1 || it.Location.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines", it.ID, it.Location, lines)
			}
		}
	})
}
