package githubactions

import (
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/*") {
		f.Add(seed.Content, filepath.Base(seed.Path) == "action.yml")
	}

	f.Fuzz(func(t *testing.T, content []byte, composite bool) {
		p := ".github/workflows/fuzz.yml"
		if composite {
			p = "action.yml"
		}
		file := extractors.File{Path: p, Content: content}
		items, err := New().Extract(file, nil)
		extractortest.CheckItems(t, file, items, err)
	})
}
