package builtin

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

func TestAllNamesAreUniqueAndSorted(t *testing.T) {
	var names []string
	for _, x := range All() {
		names = append(names, x.Name())
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("extractor names are not unique and sorted: %v", names)
		}
	}
	if len(names) < 3 {
		t.Errorf("only %d extractors registered: %v", len(names), names)
	}
}

// found is what the end-to-end test checks of an item: the attributes are
// each extractor's own tests' business.
type found struct {
	ID   string
	Kind string
	At   extractors.Location
}

func at(path string, line int) extractors.Location {
	return extractors.Location{Path: path, Line: line}
}

// TestWalk runs every built-in extractor over a small repository: ignored
// and installed files must stay out, each item must point at its line, and a
// broken manifest must become a diagnostic at its line.
func TestWalk(t *testing.T) {
	// The fixture's ignored files are committed to this repository, and git
	// ignores no tracked file, so the walk reads a copy outside the checkout.
	repo := t.TempDir()
	if err := os.CopyFS(repo, os.DirFS("testdata/repo")); err != nil {
		t.Fatal(err)
	}
	res, err := extractors.Walk(context.Background(), repo,
		extractors.Options{Extractors: All()})
	if err != nil {
		t.Fatal(err)
	}

	const api = "services/api/Dockerfile"
	want := []found{
		{"container.base:" + api + "#gcr.io/distroless/static", "container.base", at(api, 5)},
		{"container.base:" + api + "#golang", "container.base", at(api, 1)},
		{"container.image:" + api, "container.image", at(api, 5)},
		{"container.port:" + api + "#8080/tcp", "container.port", at(api, 8)},
		{"dependency:go.mod#github.com/google/uuid", "dependency", at("go.mod", 5)},
		{"dependency:web/package.json#left-pad", "dependency", at("web/package.json", 4)},
		{"dependency:web/package.json#ms", "dependency", at("web/package-lock.json", 10)},
	}
	var got []found
	for _, it := range res.Items {
		got = append(got, found{it.ID, it.Kind, it.Location})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}

	wantDiags := []extractors.Diagnostic{{
		Extractor: "npm",
		Message: "parse package.json: " +
			"invalid character ',' looking for beginning of object key string",
		Location: at("broken/package.json", 3),
	}}
	if diff := cmp.Diff(wantDiags, res.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
