package gitlabci

import (
	"bytes"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, fx := range []string{"app/.gitlab-ci.yml", "app/ci/build.yml",
		"broken/.gitlab-ci.yml", "broken/missing.yml", "broken/anchors.yml"} {
		content, _ := extractortest.DirRepo("testdata").ReadFile(fx)
		f.Add(content)
	}
	f.Add([]byte("a: &a [*a]\nb: {<<: *a}\n"))

	f.Fuzz(func(t *testing.T, content []byte) {
		// Includes resolve against the fixture repository, so fuzzed
		// content can reach real included files too.
		items, err := New().Extract(extractors.File{Path: ".gitlab-ci.yml", Content: content},
			extractortest.DirRepo("testdata/app"))
		lines := bytes.Count(content, []byte("\n")) + 1
		if line := extractortest.ErrorLine(err); err != nil && (line < 1 || line > lines) {
			t.Errorf("error %v points at line %d of %d", err, line, lines)
		}
		for _, it := range items {
			if it.ID == "" || it.Kind == "" {
				t.Errorf("item without id or kind: %+v", it)
			}
			if it.Location.Line < 1 || it.Location.Path == ".gitlab-ci.yml" && it.Location.Line > lines {
				t.Errorf("item %s at %+v, outside the file of %d lines", it.ID, it.Location, lines)
			}
		}
	})
}
