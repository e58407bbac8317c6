package kubernetes

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	fixtures, err := filepath.Glob("testdata/*.*")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range fixtures {
		content, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(content)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		items, err := New().Extract(extractors.File{Path: "k8s/app.yaml", Content: content},
			extractortest.DirRepo("testdata/no-such-dir"))
		lines := bytes.Count(content, []byte("\n")) + 1
		if line := extractortest.ErrorLine(err); err != nil && (line < 1 || line > lines) {
			t.Errorf("error %v points at line %d of %d", err, line, lines)
		}
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			at := it.Location
			if at.Path != "k8s/app.yaml" || at.Line < 1 || at.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines", it.ID, it.Location, lines)
			}
		}
	})
}
