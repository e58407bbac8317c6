package ruby

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	f.Add(extractortest.Fixture(f, "testdata/app", gemfile),
		extractortest.Fixture(f, "testdata/app", lock))
	f.Add([]byte(nil), extractortest.Fixture(f, "testdata/gem", lock))
	f.Add([]byte("group :a do\nend\nend\ngem 'x', git: 'y'"),
		extractortest.Fixture(f, "testdata/broken", lock))

	f.Fuzz(func(t *testing.T, manifest, lockfile []byte) {
		extractortest.CheckManifestAndLockfile(t, New(),
			extractors.File{Path: gemfile, Content: manifest},
			extractors.File{Path: lock, Content: lockfile})
	})
}
