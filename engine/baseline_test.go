package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// TestBaselineOfTheExample writes the baseline of the example repository and
// compares it with a golden file a person has read: components, boundaries,
// STRIDE threats per element and proposed mitigations.
func TestBaselineOfTheExample(t *testing.T) {
	scan, err := ScanRepo(context.Background(), "../testdata/example", DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	templates, err := LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	model := Baseline(scan, templates)

	path := filepath.Join(t.TempDir(), "threat-model.yaml")
	if err := threatmodel.Write(path, model, "baseline of testdata/example"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/baseline/example.yaml"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", golden, diff)
	}

	for _, m := range model.Mitigations {
		if m.Status != "proposed" {
			t.Errorf("mitigation %s has status %s: a baseline only proposes", m.ID, m.Status)
		}
	}
	for _, th := range model.Threats {
		if th.Status != "unreviewed" || th.ReviewedBy != "" {
			t.Errorf("threat %s is marked reviewed by the baseline", th.ID)
		}
	}
}

func TestComponentOf(t *testing.T) {
	tests := map[string]string{
		"Dockerfile":                         ".",
		"web/package.json":                   "web",
		"web/src/app/routes.ts":              "web",
		"services/api/Dockerfile":            "services/api",
		"services/api/internal/server.go":    "services/api",
		"services/Dockerfile":                "services",
		".github/workflows/ci.yml":           ".github",
		"infra/terraform/modules/db/main.tf": "infra",
	}
	for file, want := range tests {
		if got := componentOf(file); got != want {
			t.Errorf("componentOf(%q) = %q, want %q", file, got, want)
		}
	}
}

func TestTemplatesAreChecked(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"classes:\n  - name: x\n    kinds: [k]\n    threats:\n" +
			"      - {stride: sneaking, severity: high, title: t}\n",
			"needs a STRIDE category"},
		{"classes:\n  - name: x\n    kinds: [k]\n    colour: blue\n", "field colour not found"},
		{"classes:\n  - name: x\n    kinds: [k]\n    type_pattern: \"(\"\n", "type_pattern"},
		{"controls:\n  - title: c\n    mitigates: [luck]\n", `"luck" is not a STRIDE category`},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "templates.yaml")
		if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadTemplates(path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadTemplates(%q) = %v, want an error mentioning %q", tt.yaml, err, tt.want)
		}
	}
}
