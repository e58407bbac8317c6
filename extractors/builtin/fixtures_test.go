package builtin

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

var update = flag.Bool("update", false, "rewrite the golden surface files")

// fixtureRoot holds repositories written the way real projects are, one
// folder each, with the surface every built-in extractor finds in it golden
// in <name>.surface.json beside the folder. The quick start's example
// repository is checked the same way.
const fixtureRoot = "../../testdata/repos"

// golden is what a fixture's golden file records.
type golden struct {
	Items       []extractors.Item       `json:"items"`
	Diagnostics []extractors.Diagnostic `json:"diagnostics"`
}

func TestFixtureRepositories(t *testing.T) {
	dirs := []string{"../../testdata/example"}
	entries, err := os.ReadDir(fixtureRoot)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(fixtureRoot, e.Name()))
		}
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := extractors.Walk(context.Background(), dir, extractors.Options{Extractors: All()})
			if err != nil {
				t.Fatal(err)
			}
			got := golden{Items: res.Items, Diagnostics: res.Diagnostics}
			compareGolden(t, dir+".surface.json", got)
		})
	}
}

func compareGolden(t *testing.T, path string, got golden) {
	t.Helper()
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./extractors/builtin -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(data)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
