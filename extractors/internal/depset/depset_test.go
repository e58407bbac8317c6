package depset

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

func TestReachKeepsTheScopeThatMattersMost(t *testing.T) {
	graph := map[string][]string{
		"app-dep": {"shared"},
		"tool":    {"helper"},
		"helper":  {"shared", "tool"}, // a cycle back to the root
		"shared":  {"deep"},
	}
	roots := []Root{{"app-dep", "prod"}, {"tool", "dev"}}
	got := Reach(roots, func(n string) []string { return graph[n] })
	want := []Reached{
		{"app-dep", "prod"}, {"shared", "prod"}, {"deep", "prod"},
		{"tool", "dev"}, {"helper", "dev"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Reach (-want +got):\n%s", diff)
	}
}

func TestSetKeepsTheFirstDeclaration(t *testing.T) {
	s := New("pypi", "requirements.txt", false)
	s.Add(Dep{Name: "flask", Constraint: ">=3", Direct: true, Scope: "prod",
		At: extractors.Location{Line: 4}})
	s.Add(Dep{Name: "flask", Constraint: "==2", Direct: true, Scope: "dev"})
	s.Add(Dep{Name: " ", Direct: true})

	items := s.Items()
	if len(items) != 1 {
		t.Fatalf("got %d items, want 1: %+v", len(items), items)
	}
	want := extractors.Item{
		ID: "dependency:requirements.txt#flask", Kind: "dependency", Name: "flask",
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"ecosystem": "pypi", "name": "flask", "version": "", "constraint": ">=3",
			"direct": true, "scope": "prod", "source": "", "url": "", "pinned": false,
			"hash": false, "locked": false,
		},
		Location: extractors.Location{Path: "requirements.txt", Line: 4},
	}
	if diff := cmp.Diff(want, items[0]); diff != "" {
		t.Errorf("item (-want +got):\n%s", diff)
	}
}

func TestInsideRepository(t *testing.T) {
	tests := []struct {
		dir, target string
		want        bool
	}{
		{".", "./lib", true},
		{"services/api", "../shared", true},
		{"services/api", "../../../elsewhere", false},
		{".", "..", false},
		{".", "/opt/lib", false},
		{".", `C:\libs\x`, false},
		{".", "~/src/x", false},
		{"a", `..\b`, true},
		{".", "file:../x", false},
	}
	for _, tt := range tests {
		if got := InsideRepository(tt.dir, tt.target); got != tt.want {
			t.Errorf("InsideRepository(%q, %q) = %v, want %v", tt.dir, tt.target, got, tt.want)
		}
	}
}

func TestValues(t *testing.T) {
	doc := map[string]any{"a": map[string]any{"b": "x", "c": true, "d": []any{1}}}
	if String(doc, "a", "b") != "x" || String(doc, "a", "c") != "" || String(doc, "z", "b") != "" {
		t.Error("String does not follow tables or check types")
	}
	if !Bool(doc, "a", "c") || Table(doc, "a") == nil || len(List(doc, "a", "d")) != 1 {
		t.Error("Bool, Table or List lost a value")
	}
	if Lookup("scalar", "a") != nil {
		t.Error("Lookup went into a scalar")
	}
}
