package secrets

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, c := range cases {
		f.Add(extractortest.Fixture(f, "testdata", c.fixture), c.path)
	}

	f.Fuzz(func(t *testing.T, content []byte, p string) {
		file := extractors.File{Path: p, Content: content}
		items, err := New().Extract(file, nil)
		if err != nil {
			t.Errorf("error %v: the extractor never fails", err)
		}
		extractortest.CheckItems(t, file, items, err)
		for _, it := range items {
			if it.ID != "secret.file:"+p || it.Attributes["type"] == "" {
				t.Errorf("item without id or type: %+v", it)
			}
			if len(it.Attributes) != 1 {
				t.Errorf("item %s carries more than its type: %v", it.ID, it.Attributes)
			}
		}
	})
}
