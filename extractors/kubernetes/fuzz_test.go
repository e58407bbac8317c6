package kubernetes

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/*.*") {
		f.Add(seed.Content)
	}

	f.Fuzz(func(t *testing.T, content []byte) {
		file := extractors.File{Path: "k8s/app.yaml", Content: content}
		items, err := New().Extract(file, extractortest.DirRepo("testdata/no-such-dir"))
		extractortest.CheckItems(t, file, items, err)
	})
}
