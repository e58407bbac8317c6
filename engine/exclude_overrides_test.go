package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExcludesAreReportedWhereTheyHideSurfaceFromABundle checks that an
// exclude glob, which keeps files from every rule, shows in the report as
// an override of each bundle whose rules the repository may not weaken,
// and only there.
func TestExcludesAreReportedWhereTheyHideSurfaceFromABundle(t *testing.T) {
	billing := ExcludeGlob{Glob: "services/billing/**", Reason: "modeled in the billing repository"}
	unmatched := ExcludeGlob{Glob: "nothing/**", Reason: "matches no file"}
	tests := []struct {
		name    string
		bundles []Bundle
		exclude []ExcludeGlob
		want    []Override
	}{
		{"protected rules", []Bundle{orgBundle()}, []ExcludeGlob{billing, unmatched},
			[]Override{{Bundle: "org.tar.gz", Kind: "exclude", Glob: "services/billing/**", Files: 2,
				Reason: "modeled in the billing repository"}}},
		{"only overridable rules", []Bundle{orgBundle("ORG-X-001")},
			[]ExcludeGlob{{Glob: "services/billing/**"}}, nil},
		{"no bundle", nil, []ExcludeGlob{{Glob: "services/billing/**"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.LoadedBundles, cfg.Exclude = tt.bundles, tt.exclude
			report := evaluateExample(t, cfg)
			if diff := cmp.Diff(tt.want, report.Summary.Overrides); diff != "" {
				t.Errorf("overrides (-want +got):\n%s", diff)
			}
			for _, f := range report.Findings {
				if strings.HasPrefix(f.Location.Path, "services/billing/") {
					t.Errorf("finding in an excluded path: %v", f)
				}
			}
		})
	}
}

func TestExcludeOverrideInTheTextReport(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LoadedBundles = []Bundle{orgBundle()}
	cfg.Exclude = []ExcludeGlob{{Glob: "services/billing/**", Reason: "modeled elsewhere"}}
	var text strings.Builder
	if err := WriteReport(&text, "text", evaluateExample(t, cfg)); err != nil {
		t.Fatal(err)
	}
	want := "override exclude services/billing/** for bundle org.tar.gz: " +
		"2 files left out of the walk by the repository (modeled elsewhere)\n"
	if !strings.Contains(text.String(), want) {
		t.Errorf("text report lacks %q:\n%s", want, text.String())
	}
}

// TestExcludeNeedsAReasonBesideProtectedRules checks that a glob without a
// reason is refused only where it would weaken rules a bundle protects.
func TestExcludeNeedsAReasonBesideProtectedRules(t *testing.T) {
	tests := []struct {
		name    string
		bundles []Bundle
		exclude []ExcludeGlob
		want    string // "" when the config is accepted
	}{
		{"no reason, protected rules", []Bundle{orgBundle()},
			[]ExcludeGlob{{Glob: "a/**", Reason: "why"}, {Glob: "b/**"}, {Glob: "c/**", Reason: " "}},
			`exclude "b/**", "c/**" would hide files from rules that bundle org.tar.gz does not ` +
				`list as overridable`},
		{"reasons, protected rules", []Bundle{orgBundle()},
			[]ExcludeGlob{{Glob: "a/**", Reason: "why"}}, ""},
		{"no reason, overridable rules", []Bundle{orgBundle("ORG-X-001")},
			[]ExcludeGlob{{Glob: "a/**"}}, ""},
		{"no reason, no bundle", nil, []ExcludeGlob{{Glob: "a/**"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.LoadedBundles, cfg.Exclude = tt.bundles, tt.exclude
			_, err := NewFromConfig(context.Background(), cfg)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("config refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
