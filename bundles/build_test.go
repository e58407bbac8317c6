package bundles

import (
	"archive/tar"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBuildWritesAnOPABundle(t *testing.T) {
	data := acmeBundle(t, nil)
	got, err := Read(data, "acme.tar.gz", Verification{}, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision != "2026.06.01" || got.Signed || got.Digest != Digest(data) {
		t.Errorf("revision %q signed %v digest %q", got.Revision, got.Signed, got.Digest)
	}
	if diff := cmp.Diff([]string{"tms/rules/acme"}, got.Roots); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
	files := names(t, data)
	want := []string{"/.manifest", "/data.json", "/rules.rego"}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if !got.Overridable()["ACME-DEP-002"] {
		t.Errorf("overridable %v lacks ACME-DEP-002", got.Overridable())
	}
}

// TestBuildWritesTheManifest reads the .manifest Build writes as OPA reads
// it: the revision and roots, rego_version 1 so that OPA parses the rules
// as Rego v1, and the directory's own metadata kept as written.
func TestBuildWritesTheManifest(t *testing.T) {
	var raw []byte
	rewrite(t, acmeBundle(t, nil), func(h *tar.Header, body []byte) []byte {
		if h.Name == "/.manifest" {
			raw = body
		}
		return body
	})
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf(".manifest %q: %v", raw, err)
	}
	want := map[string]any{
		"revision":     "2026.06.01",
		"roots":        []any{"tms/rules/acme"},
		"rego_version": float64(1),
		"metadata":     map[string]any{"owner": "security"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf(".manifest (-want +got):\n%s", diff)
	}
}

func TestBuildRefusesWhatEvalWouldRefuse(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no revision", map[string]string{"r.rego": okRule}, "no revision"},
		{"no metadata", map[string]string{".manifest": `{"revision":"1"}`,
			"r.rego": "package tms.rules.x\n\ndeny contains 1 if input.surface\n"},
			"deny rule has no METADATA block"},
		{"schema", map[string]string{".manifest": `{"revision":"1"}`,
			"r.rego": strings.Replace(okRule, "input.surface", "input.surfce", 1)},
			"undefined ref: input.surfce"},
		{"network", map[string]string{".manifest": `{"revision":"1"}`,
			"r.rego": strings.Replace(okRule, "some item in input.surface",
				`some item in input.surface
	http.send({"method": "get", "url": "https://example.com"})`, 1)},
			"undefined function http.send"},
		{"data outside roots", map[string]string{".manifest": `{"revision":"1","roots":["tms/rules/x"]}`,
			"r.rego": okRule, "other/data.json": `{"a": 1}`}, "do not permit data at path '/other"},
		{"failing test", map[string]string{".manifest": `{"revision":"1"}`, "r.rego": okRule,
			"r_test.rego": "package tms.rules.x_test\n\ntest_fails if false\n"},
			"tests failed: tms.rules.x_test.test_fails"},
		{"unknown overridable", map[string]string{".manifest": `{"revision":"1"}`, "r.rego": okRule,
			"tms/rules/x/data.json": `{"overridable": ["X-NOPE-001"]}`},
			"overridable names rules the bundle does not declare: X-NOPE-001"},
		{"over the library", map[string]string{".manifest": `{"revision":"1","roots":["tms"]}`,
			"r.rego": okRule}, `settings (data.tms.config) and bundle`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			_, err := Build(context.Background(), dir, BuildOptions{Limits: DefaultLimits})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

const okRule = `package tms.rules.x

import data.tms.lib

# METADATA
# title: X
# description: Every dependency.
# custom:
#   id: X-DEP-001
#   severity: low
#   stride: [tampering]
#   remediation: Review it.
deny contains lib.finding(rego.metadata.rule(), {"surface": item.id}) if {
	some item in input.surface
	item.kind == "dependency"
}
`

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFuzzSeedIsCurrent keeps the fuzz seed a bundle that Build writes
// today, so the fuzzer starts from the real format.
func TestFuzzSeedIsCurrent(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(seed, "seed", Verification{}, DefaultLimits); err != nil {
		t.Fatalf("the fuzz seed no longer reads: %v", err)
	}
}
