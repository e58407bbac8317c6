package engine

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSuppressionNamesTheSetting(t *testing.T) {
	cfg := Config{
		Rules: map[string]RuleSetting{
			"TMS-OFF-001":  {Disabled: true, Reason: "replaced by a team rule"},
			"TMS-HIGH-001": {Severity: SeverityCritical},
		},
		Exemptions: []Exemption{
			{Paths: []string{"docs/**"}, Rules: []string{"TMS-ONLY-001"}, Reason: "only this rule"},
			{Paths: []string{"examples/**"}, Reason: "never deployed"},
		},
	}
	tests := []struct {
		name    string
		finding Finding
		want    *Suppression
	}{
		{"disabled rule", Finding{Rule: "TMS-OFF-001", Location: locationAt("examples/a", 1)},
			&Suppression{Setting: "rules.TMS-OFF-001", Reason: "replaced by a team rule"}},
		{"exemption for one rule", Finding{Rule: "TMS-ONLY-001", Location: locationAt("docs/x.md", 2)},
			&Suppression{Setting: "exemptions[0]", Reason: "only this rule"}},
		{"exemption for another rule", Finding{Rule: "TMS-HIGH-001",
			Location: locationAt("docs/x.md", 2)}, nil},
		{"exemption for every rule", Finding{Rule: "TMS-HIGH-001",
			Location: locationAt("examples/go.mod", 3)},
			&Suppression{Setting: "exemptions[1]", Reason: "never deployed"}},
		{"no file", Finding{Rule: "TMS-HIGH-001"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, cfg.suppression(tt.finding)); diff != "" {
				t.Errorf("suppression (-want +got):\n%s", diff)
			}
		})
	}

	kept, n := cfg.apply([]Finding{tests[0].finding, tests[2].finding, tests[3].finding})
	if n != 2 || len(kept) != 1 || kept[0].Severity != SeverityCritical {
		t.Errorf("apply kept %+v and suppressed %d; want the one re-rated finding and 2", kept, n)
	}
}

// TestSuppressedFindingsKeepTheirAction checks that the listed suppressed
// findings carry the action they would have had, and that the engine lists
// exactly the findings apply drops.
func TestSuppressedFindingsKeepTheirAction(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Exemptions = []Exemption{{Paths: []string{"examples/**"}, Reason: "never deployed"}}
	findings := []Finding{
		{Rule: "TMS-A-001", Severity: SeverityHigh, Location: locationAt("examples/Dockerfile", 1)},
		{Rule: "TMS-A-001", Severity: SeverityLow, Location: locationAt("examples/go.mod", 1)},
		{Rule: "TMS-A-001", Severity: SeverityHigh, Location: locationAt("Dockerfile", 1)},
	}
	e := &Engine{rules: map[string]Rule{"TMS-A-001": {ID: "TMS-A-001"}}}
	got := e.suppressed(cfg, findings)

	var actions []Action
	for _, f := range got {
		actions = append(actions, f.Action)
		if f.Suppression == nil || f.Suppression.Reason != "never deployed" {
			t.Errorf("%s is listed without its suppression: %+v", f.Location.Path, f.Suppression)
		}
	}
	if diff := cmp.Diff([]Action{ActionBlock, ActionInfo}, actions); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	if _, n := cfg.apply(findings); n != len(got) {
		t.Errorf("apply drops %d findings, the report lists %d", n, len(got))
	}
}
