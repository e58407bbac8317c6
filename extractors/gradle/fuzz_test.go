package gradle

import (
	"bytes"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	catalog := readFixture(f, "testdata/shop", "gradle/libs.versions.toml")
	lockfile := readFixture(f, "testdata/shop", "app/gradle.lockfile")
	for _, fx := range [][2]string{
		{"testdata/shop", "build.gradle"}, {"testdata/shop", "app/build.gradle.kts"},
		{"testdata/broken", "build.gradle"}, {"testdata/multi", "build.gradle"},
	} {
		f.Add(readFixture(f, fx[0], fx[1]), catalog, lockfile)
	}

	f.Fuzz(func(t *testing.T, script, catalog, lockfile []byte) {
		// The script is the root project's too, so that the subproject
		// inherits what the fuzzer writes as extra properties.
		files := mapRepo{
			"app/build.gradle.kts": string(script), "app/build.gradle": string(script),
			"build.gradle": string(script), "settings.gradle": "",
			"gradle/libs.versions.toml": string(catalog), "app/gradle.lockfile": string(lockfile),
		}
		for _, name := range []string{"app/build.gradle", "app/build.gradle.kts"} {
			items, err := New().Extract(extractors.File{Path: name, Content: script}, files)
			check(t, files, name, items, err)
		}
	})
}

func check(t *testing.T, files mapRepo, name string, items []extractors.Item, err error) {
	lines := func(s string) int { return bytes.Count([]byte(s), []byte("\n")) + 1 }
	if line := extractortest.ErrorLine(err); err != nil && line != -1 &&
		(line < 1 || line > lines(files[name])) {
		t.Errorf("%s: error %v points at line %d", name, err, line)
	}
	for _, it := range items {
		if it.ID == "" || it.Kind == "" {
			t.Errorf("item without id or kind: %+v", it)
		}
		content, ok := files[it.Location.Path]
		if !ok || it.Location.Line < 1 || it.Location.Line > lines(content) {
			t.Errorf("item %s at %+v, outside its file", it.ID, it.Location)
		}
	}
}
