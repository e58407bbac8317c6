package engine

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tms-dev/tms/engine/schema"
)

func exampleInput(t *testing.T) *Input {
	t.Helper()
	in, err := BuildInput(context.Background(), Request{
		Repo:      "../testdata/example",
		ModelPath: "../testdata/example/threat-model.yaml",
		Config:    DefaultConfig(),
		Today:     time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestInputMatchesItsSchema validates a real input document against the
// schema that the compiler type-checks rules with, so the two cannot drift.
func TestInputMatchesItsSchema(t *testing.T) {
	doc, err := json.Marshal(exampleInput(t))
	if err != nil {
		t.Fatal(err)
	}
	var docValue, schemaValue any
	if err := json.Unmarshal(doc, &docValue); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(schema.Input, &schemaValue); err != nil {
		t.Fatal(err)
	}

	rs, err := rego.New(
		rego.Query("result := json.match_schema(input.doc, input.schema)"),
		rego.Input(map[string]any{"doc": docValue, "schema": schemaValue}),
	).Eval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	result := rs[0].Bindings["result"].([]any)
	if ok := result[0].(bool); !ok {
		t.Errorf("the input document does not match input.schema.json: %v", result[1])
	}
}

func TestInputLocatesModelEntriesInTheRepository(t *testing.T) {
	in := exampleInput(t)
	if got := in.Model.Threats[0].Location.Path; got != "threat-model.yaml" {
		t.Errorf("model locations use %q, want the repository-relative threat-model.yaml", got)
	}
	if got := in.Repo.Evidence["services/api/middleware/auth.go"]; len(got) != 1 {
		t.Errorf("evidence index for the auth middleware = %v, want the file itself", got)
	}
	if in.Config.Today != "2026-06-01" {
		t.Errorf("today = %q", in.Config.Today)
	}
}

func TestEvidenceIndex(t *testing.T) {
	in := exampleInput(t)
	files := in.Repo.Files
	tests := []struct {
		pattern string
		want    int
	}{
		{"services/api/middleware/auth.go", 1},
		{"services/api/middleware", 1}, // a directory with files counts
		{"services/api/middleware/", 1},
		{"services/**/Dockerfile", 2},
		{"services/api/missing.go", 0},
		{"services/ap", 0}, // a prefix of a directory name is not the directory
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			present := map[string]bool{}
			for _, f := range files {
				present[f.Path] = true
			}
			if got := matchEvidence(tt.pattern, present, files); len(got) != tt.want {
				t.Errorf("matches = %v, want %d", got, tt.want)
			}
		})
	}
}
