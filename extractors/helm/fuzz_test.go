package helm

import (
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/shop/Chart.yaml",
		"testdata/shop/values*.yaml", "testdata/lib/Chart.yaml", "testdata/broken/Chart.yaml") {
		f.Add(seed.Content, strings.Contains(seed.Path, "values"))
	}

	f.Fuzz(func(t *testing.T, content []byte, values bool) {
		p := "charts/app/Chart.yaml"
		if values {
			p = "charts/app/values.yaml"
		}
		file := extractors.File{Path: p, Content: content}
		items, err := New().Extract(file, nil)
		extractortest.CheckItems(t, file, items, err)
	})
}
