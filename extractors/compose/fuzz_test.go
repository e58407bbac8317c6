package compose

import (
	"bytes"
	"os"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, p := range []string{"testdata/docker-compose.yml", "testdata/compose.yaml"} {
		content, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(content)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		items, err := New().Extract(extractors.File{Path: "compose.yaml", Content: content}, nil)
		lines := bytes.Count(content, []byte("\n")) + 1
		if line := extractortest.ErrorLine(err); err != nil && (line < 1 || line > lines) {
			t.Errorf("error %v points at line %d of %d", err, line, lines)
		}
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			at := it.Location
			if at.Path != "compose.yaml" || at.Line < 1 || at.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines", it.ID, it.Location, lines)
			}
		}
	})
}
