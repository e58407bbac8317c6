package dockerfile

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/*") {
		f.Add(seed.Content)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		file := extractors.File{Path: "Dockerfile", Content: content}
		items, err := New().Extract(file, nil)
		extractortest.CheckItems(t, file, items, err)

		lines := extractortest.Lines(content)
		for _, it := range items {
			piped, _ := it.Attributes["pipe_to_shell"].([]any)
			for _, line := range piped {
				if l := line.(int); l < 1 || l > lines {
					t.Errorf("pipe to shell at line %d of %d", l, lines)
				}
			}
		}
	})
}
