package engine

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// TestBaselinePassesEvalOnEveryFixture: the model tms init writes for any
// fixture repository loads again and every glob in it matches the surface
// the same scan finds, as tms eval requires before it judges anything.
func TestBaselinePassesEvalOnEveryFixture(t *testing.T) {
	repos, err := filepath.Glob("../testdata/repos/*")
	if err != nil {
		t.Fatal(err)
	}
	repos = append(repos, "../testdata/example", "testdata/baseline/monorepo",
		"testdata/baseline/terraform-only", "testdata/baseline/src-services")
	for _, repo := range repos {
		if info, err := os.Stat(repo); err != nil || !info.IsDir() {
			continue
		}
		t.Run(filepath.Base(repo), func(t *testing.T) {
			scan := scanOf(t, repo)
			templates, err := LoadTemplates("")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "threat-model.yaml")
			err = threatmodel.Write(path, Baseline(scan, templates), "baseline")
			if err != nil {
				t.Fatal(err)
			}
			model, err := LoadModel(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkGlobs(model, scan.Items); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestServicesUnderSrcAreComponents: in the src/<service> layout of
// polyglot demos, each service that builds on its own is a component, a
// service whose project sits one level down included, and a file at the top
// of src stays out of every service.
func TestServicesUnderSrcAreComponents(t *testing.T) {
	model := baselineOf(t, "testdata/baseline/src-services")
	var got []string
	for _, c := range model.Components {
		got = append(got, c.ID)
	}
	want := []string{"root", "src", "src/cartservice", "src/frontend"}
	if !slices.Equal(got, want) {
		t.Errorf("components %q, want %q", got, want)
	}
}

func TestGroupingDirectories(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		file  string
		want  string
	}{
		{"two services build", []string{"src/web/go.mod", "src/cart/src/cart.csproj"},
			"src/cart/src/Program.cs", "src/cart"},
		{"a Maven project's sources", []string{"pom.xml", "src/main/docker/Dockerfile"},
			"src/main/java/App.java", "src"},
		{"one member builds", []string{"crates/api/Cargo.toml"}, "crates/api/src/main.rs", "crates"},
		{"a conventional name", nil, "services/api/main.go", "services/api"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var items []extractors.Item
			for _, f := range tt.files {
				items = append(items, extractors.Item{ID: "dependency:" + f + "#x", Kind: "dependency",
					Location: extractors.Location{Path: f}})
			}
			if got := newLayout(items).componentOf(tt.file); got != tt.want {
				t.Errorf("componentOf(%q) = %q, want %q", tt.file, got, tt.want)
			}
		})
	}
}
