package secrets

import (
	"bytes"
	"testing"

	"github.com/tms-dev/tms/extractors"
)

func FuzzExtract(f *testing.F) {
	for _, c := range cases {
		f.Add(fixture(f, c.fixture), c.path)
	}

	f.Fuzz(func(t *testing.T, content []byte, p string) {
		items, err := New().Extract(extractors.File{Path: p, Content: content}, nil)
		if err != nil {
			t.Errorf("error %v: the extractor never fails", err)
		}
		lines := bytes.Count(content, []byte("\n")) + 1
		for _, it := range items {
			if it.ID != "secret.file:"+p || it.Attributes["type"] == "" {
				t.Errorf("item without id or type: %+v", it)
			}
			if it.Location.Line < 1 || it.Location.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines", it.ID, it.Location, lines)
			}
			if len(it.Attributes) != 1 {
				t.Errorf("item %s carries more than its type: %v", it.ID, it.Attributes)
			}
		}
	})
}
