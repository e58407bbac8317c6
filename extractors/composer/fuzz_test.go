package composer

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	f.Add(extractortest.Fixture(f, "testdata/app", "composer.json"),
		extractortest.Fixture(f, "testdata/app", "composer.lock"))
	f.Add(extractortest.Fixture(f, "testdata/unlocked", "composer.json"),
		extractortest.Fixture(f, "testdata/lockonly", "composer.lock"))
	f.Add(extractortest.Fixture(f, "testdata/broken", "composer.json"),
		[]byte(`{"packages": [1, {}]}`))

	f.Fuzz(func(t *testing.T, manifest, lock []byte) {
		extractortest.CheckManifestAndLockfile(t, New(),
			extractors.File{Path: "composer.json", Content: manifest},
			extractors.File{Path: "composer.lock", Content: lock})
	})
}
