package bundles

import (
	"bytes"
	"os"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the bundle reader, seeded with a real
// bundle and hostile archives: it must never panic, and whatever it accepts
// must have policies and roots to hand the engine.
func FuzzRead(f *testing.F) {
	data, err := os.ReadFile("testdata/seed.tar.gz")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add(bytes.Repeat([]byte{0x1f, 0x8b}, 8))
	lim := Limits{Compressed: 1 << 20, Uncompressed: 4 << 20, Files: 200}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Read(data, "fuzz", Verification{}, lim)
		if err != nil {
			return
		}
		if b.Policies == nil || b.Roots == nil || b.Digest != Digest(data) {
			t.Errorf("accepted bundle without policies, roots or digest: %+v", b)
		}
	})
}
