package bundles

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"sort"
	"strings"
	"testing"
)

func TestSignAndVerifyRoundTrip(t *testing.T) {
	for name, keys := range map[string]keyPair{"RSA": rsaKeys(t), "ECDSA": ecdsaKeys(t)} {
		t.Run(name, func(t *testing.T) {
			signed := acmeBundle(t, &keys)
			if !contains(names(t, signed), "/.signatures.json") {
				t.Fatalf("signed bundle has no .signatures.json: %v", names(t, signed))
			}
			b, err := Verify(signed, "acme", keys.public, DefaultKeyID, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if !b.Signed || b.Revision != "2026.06.01" {
				t.Errorf("signed %v revision %q", b.Signed, b.Revision)
			}

			resigned, err := Sign(acmeBundle(t, nil), Signing{Key: keys.private, KeyID: "org"},
				DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Verify(resigned, "acme", keys.public, "org", DefaultLimits); err != nil {
				t.Errorf("sign of a built bundle: %v", err)
			}
		})
	}
}

func TestVerifyRefusesBundlesItCannotTrust(t *testing.T) {
	keys, other := rsaKeys(t), rsaKeys(t)
	signed := acmeBundle(t, &keys)
	resigned, err := Sign(tamper(t, signed, "/rules.rego"), Signing{Key: other.private},
		DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	otherKid, err := Sign(signed, Signing{Key: keys.private, KeyID: "staging"}, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		data  []byte
		keyID string
		want  string
	}{
		{"unsigned", acmeBundle(t, nil), DefaultKeyID, "bundle missing .signatures.json file"},
		{"tampered rule", tamper(t, signed, "/rules.rego"), DefaultKeyID,
			"rules.rego: digest mismatch"},
		{"tampered data", tamper(t, signed, "/data.json"), DefaultKeyID,
			"data.json: digest mismatch"},
		{"re-signed with another key", resigned, DefaultKeyID, "failed to verify JWT signature"},
		{"empty key id", signed, "", "the verification key id is empty"},
		{"signed under another key id", otherKid, DefaultKeyID,
			"verification key corresponding to ID staging not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Verify(tt.data, "acme", keys.public, tt.keyID, DefaultLimits)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// tamper rewrites one file of a bundle archive, keeping every other entry
// (the signature included) as it was.
func tamper(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	return rewrite(t, data, func(h *tar.Header, body []byte) []byte {
		if h.Name != name {
			return body
		}
		if strings.HasSuffix(name, ".json") {
			return []byte(`{"tms": {"rules": {"acme": {"banned": []}}}}`)
		}
		return append(body, []byte("\n# changed after signing\n")...)
	})
}

// rewrite copies a .tar.gz, passing each regular file through edit.
func rewrite(t *testing.T, data []byte, edit func(*tar.Header, []byte) []byte) []byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		body = edit(h, body)
		h.Size = int64(len(body))
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// names lists the files of a .tar.gz, sorted.
func names(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	rewrite(t, data, func(h *tar.Header, body []byte) []byte {
		out = append(out, h.Name)
		return body
	})
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
