package cargo

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func FuzzExtract(f *testing.F) {
	for _, fx := range [][3]string{
		{"testdata/workspace", "crates/api/Cargo.toml", "Cargo.lock"},
		{"testdata/single", "Cargo.toml", ""},
		{"testdata/lockonly", "", "Cargo.lock"},
		{"testdata/broken", "Cargo.toml", ""},
	} {
		var manifest, lock []byte
		if fx[1] != "" {
			manifest = extractortest.Fixture(f, fx[0], fx[1])
		}
		if fx[2] != "" {
			lock = extractortest.Fixture(f, fx[0], fx[2])
		}
		f.Add(manifest, lock)
	}

	f.Fuzz(func(t *testing.T, manifest, lock []byte) {
		extractortest.CheckManifestAndLockfile(t, New(),
			extractors.File{Path: "Cargo.toml", Content: manifest},
			extractors.File{Path: "Cargo.lock", Content: lock})
	})
}
