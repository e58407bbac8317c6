package gitlabci

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range extractortest.Seeds(f, "testdata/app/.gitlab-ci.yml",
		"testdata/app/ci/build.yml", "testdata/broken/*.yml") {
		f.Add(seed.Content)
	}
	f.Add([]byte("a: &a [*a]\nb: {<<: *a}\n"))

	f.Fuzz(func(t *testing.T, content []byte) {
		// Includes resolve against the fixture repository, so fuzzed
		// content can reach real included files too, and their jobs
		// stand at their lines.
		repo := extractortest.DirRepo("testdata/app")
		file := extractors.File{Path: ".gitlab-ci.yml", Content: content}
		items, err := New().Extract(file, repo)
		extractortest.CheckItems(t, file, items, err, extractortest.ItemsIn(repo))
	})
}
