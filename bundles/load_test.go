package bundles

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tms-dev/tms/engine"
)

// TestAVerificationKeyRequiresASignature guards the case where a repository
// points bundles: in its own .tms.yaml at a local copy of the rules: once
// CI gives a verification key, only a bundle signed with it is read.
func TestAVerificationKeyRequiresASignature(t *testing.T) {
	keys := rsaKeys(t)
	dir := t.TempDir()
	signed := writeFile(t, dir, "signed.tar.gz", acmeBundle(t, &keys))
	unsigned := writeFile(t, dir, "unsigned.tar.gz", acmeBundle(t, nil))
	no := false
	tests := []struct {
		name          string
		ref           string
		requireSigned *bool
		want          string // "" when the bundle loads
	}{
		{"signed file", signed, nil, ""},
		{"unsigned file", unsigned, nil, "bundle missing .signatures.json file"},
		{"unsigned file, signatures waived", unsigned, &no, "bundle missing .signatures.json file"},
		{"directory", "testdata/acme", nil, "is a directory, which carries no signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := LoadOptions{Fetcher: &Fetcher{Limits: DefaultLimits}, Key: keys.public,
				KeyID: DefaultKeyID, RequireSigned: tt.requireSigned}
			b, err := Load(context.Background(), []string{tt.ref}, opts)
			switch {
			case tt.want == "" && err != nil:
				t.Fatal(err)
			case tt.want == "" && !b[0].Signed:
				t.Errorf("loaded %s as not signed", tt.ref)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadSaysWhatItKnowsOfTheSignature(t *testing.T) {
	keys := rsaKeys(t)
	signed, unsigned := acmeBundle(t, &keys), acmeBundle(t, nil)
	tests := []struct {
		name string
		data []byte
		key  []byte
		want engine.SignatureState
	}{
		{"signed, read with the key", signed, keys.public, engine.SignatureVerified},
		{"signed, read without a key", signed, nil, engine.SignatureNotVerified},
		{"unsigned", unsigned, nil, engine.SignatureNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Read(tt.data, "acme", Verification{Key: tt.key, KeyID: DefaultKeyID},
				DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if b.Signature != tt.want || b.Signed != (tt.want == engine.SignatureVerified) {
				t.Errorf("signature %q, signed %v; want %q", b.Signature, b.Signed, tt.want)
			}
		})
	}
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
