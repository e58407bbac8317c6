package gomod

import (
	"bytes"
	"testing"

	"github.com/tms-dev/tms/extractors/extractortest"

	"github.com/tms-dev/tms/extractors"
)

// sumRepo holds only a go.sum.
type sumRepo []byte

func (s sumRepo) ReadFile(p string) ([]byte, error) {
	if p != "go.sum" {
		return nil, extractors.ErrNotInInventory
	}
	return s, nil
}

func FuzzExtract(f *testing.F) {
	sum := readFixture(f, "testdata/app", "go.sum")
	for _, fx := range [][2]string{
		{"testdata/app", "go.mod"}, {"testdata/app", "tools/go.mod"}, {"testdata/broken", "go.mod"},
	} {
		f.Add(readFixture(f, fx[0], fx[1]), sum)
	}

	f.Fuzz(func(t *testing.T, mod, sum []byte) {
		items, err := New().Extract(extractors.File{Path: "go.mod", Content: mod}, sumRepo(sum))
		lines := bytes.Count(mod, []byte("\n")) + 1
		if line := extractortest.ErrorLine(err); err != nil && line != -1 && (line < 1 || line > lines) {
			t.Errorf("error %v points at line %d of %d", err, line, lines)
		}
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			if it.Location.Path != "go.mod" || it.Location.Line < 1 || it.Location.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines", it.ID, it.Location, lines)
			}
		}
	})
}
