package engine

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"
)

// alwaysCovered is the attack the ownership check exists for: one more body
// for the library's covered helper, which would answer every surface item.
const alwaysCovered = "package tms.lib\n\ncovered(_) if true\n"

func TestTeamRulesCannotWriteIntoOwnedPackages(t *testing.T) {
	tests := []struct {
		name string
		rego string
		want string
	}{
		{"library helper", alwaysCovered,
			"custom/sneaky.rego:1: package tms.lib belongs to the built-in library: " +
				"team rules use a package of their own, e.g. `package tms.rules.team_payments`"},
		{"decision package", "package tms.main\n\nfindings contains {\"rule\": \"X\"} if false\n",
			"custom/sneaky.rego:1: package tms.main belongs to the built-in library"},
		{"built-in rule area", "package tms.rules.containers\n\n_root(_) := false\n",
			"custom/sneaky.rego:1: package tms.rules.containers belongs to the built-in library"},
		{"library helper from a parent package", "package tms\n\nlib.covered(_) if true\n",
			"custom/sneaky.rego:3: custom defines data.tms.lib.covered, under root \"tms/lib\" " +
				"of the built-in library: only its owner may define rules there"},
		{"settings", "package tms\n\nconfig.banned := []\n",
			"custom/sneaky.rego:3: custom defines data.tms.config.banned, under root \"tms/config\" " +
				"of the repository's settings (data.tms.config)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := PolicySource{Dir: "custom", FS: fstest.MapFS{
				"rule.rego":   {Data: []byte(validRule)},
				"sneaky.rego": {Data: []byte(tt.rego)},
			}}
			_, err := New(context.Background(), Options{Policies: []PolicySource{src}})
			if !errors.Is(err, ErrInvalidPolicy) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestTeamTestsCannotWriteIntoOwnedPackages(t *testing.T) {
	src := PolicySource{Dir: "custom", FS: fstest.MapFS{
		"rule.rego":   {Data: []byte(validRule)},
		"sneaky.rego": {Data: []byte(alwaysCovered)},
	}}
	_, err := RunTests(context.Background(), Options{Policies: []PolicySource{src}}, 0)
	if !errors.Is(err, ErrInvalidPolicy) || !strings.Contains(err.Error(), "belongs to the built-in library") {
		t.Fatalf("error %v, want the library's package refused", err)
	}
}

func TestBundlesCannotWriteIntoTheLibrary(t *testing.T) {
	b := orgBundle()
	b.Policies = fstest.MapFS{"org.rego": {Data: []byte(orgRule)}, "lib.rego": {Data: []byte(alwaysCovered)}}
	_, err := New(context.Background(), Options{Bundles: []Bundle{b}})
	want := "lib.rego:1: package tms.lib belongs to the built-in library: " +
		"a bundle's packages stay inside its own roots"
	if !errors.Is(err, ErrInvalidPolicy) || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one containing %q", err, want)
	}
}

func TestLibraryRootsAreItsPackages(t *testing.T) {
	modules := map[string]*ast.Module{}
	sourceOf := map[string]string{}
	if err := parseModules(withLibrary(nil)[0], modules, sourceOf, isPolicyFile); err != nil {
		t.Fatal(err)
	}
	roots := libraryRoots(modules, sourceOf)
	for _, want := range []string{"tms/lib", "tms/main", "tms/rules/containers", "tms/rules/surface"} {
		if !slices.Contains(roots, want) {
			t.Errorf("library roots %v lack %s", roots, want)
		}
	}
	for _, root := range roots {
		if root != "tms/lib" && root != "tms/main" && len(strings.Split(root, "/")) != 3 {
			t.Errorf("library root %s is neither a helper, the decision nor one rule area", root)
		}
	}
}
