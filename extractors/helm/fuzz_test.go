package helm

import (
	"bytes"
	"os"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, p := range []string{"shop/Chart.yaml", "shop/values.yaml", "shop/values-prod.yaml",
		"lib/Chart.yaml", "broken/Chart.yaml"} {
		content, err := os.ReadFile("testdata/" + p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(content, p == "shop/values.yaml" || p == "shop/values-prod.yaml")
	}

	f.Fuzz(func(t *testing.T, content []byte, values bool) {
		p := "charts/app/Chart.yaml"
		if values {
			p = "charts/app/values.yaml"
		}
		items, err := New().Extract(extractors.File{Path: p, Content: content}, nil)
		lines := bytes.Count(content, []byte("\n")) + 1
		if line := extractortest.ErrorLine(err); err != nil && (line < 1 || line > lines) {
			t.Errorf("error %v points at line %d of %d", err, line, lines)
		}
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			if it.Location.Path != p || it.Location.Line < 1 || it.Location.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines", it.ID, it.Location, lines)
			}
		}
	})
}
