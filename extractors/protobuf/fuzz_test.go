package protobuf

import (
	"os"
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			f.Add(string(fixture(f, e.Name())))
		}
	}

	f.Fuzz(func(t *testing.T, content string) {
		file := extractors.File{Path: "a.proto", Content: []byte(content)}
		items, err := New().Extract(file, nil)
		lines := strings.Count(content, "\n") + 1
		line := extractortest.ErrorLine(err)
		if err != nil && line != -1 && (line < 1 || line > lines) {
			t.Errorf("error %v points at line %d of %d", err, line, lines)
		}
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			if it.Location.Path != "a.proto" || it.Location.Line < 1 || it.Location.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines", it.ID, it.Location, lines)
			}
		}
	})
}
