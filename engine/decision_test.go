package engine

import (
	"testing"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

func TestThresholdsMapSeverityToAction(t *testing.T) {
	defaults := DefaultConfig().Thresholds()
	strict := Thresholds{FailOn: SeverityLow, WarnOn: SeverityInfo}
	newSurface := Thresholds{FailOn: SeverityHigh, WarnOn: SeverityMedium, FailOnNewSurface: true}

	tests := []struct {
		name       string
		thresholds Thresholds
		finding    Finding
		want       Action
	}{
		{"critical blocks", defaults, Finding{Severity: SeverityCritical}, ActionBlock},
		{"high blocks", defaults, Finding{Severity: SeverityHigh}, ActionBlock},
		{"medium warns", defaults, Finding{Severity: SeverityMedium}, ActionWarn},
		{"low is info", defaults, Finding{Severity: SeverityLow}, ActionInfo},
		{"strict blocks low", strict, Finding{Severity: SeverityLow}, ActionBlock},
		{"strict warns info", strict, Finding{Severity: SeverityInfo}, ActionWarn},
		{"new low surface blocks", newSurface, Finding{Severity: SeverityLow, NewSurface: true}, ActionBlock},
		{"other low finding stays info", newSurface, Finding{Severity: SeverityLow}, ActionInfo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.thresholds.action(tt.finding); got != tt.want {
				t.Errorf("action = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDecisionIsTheWorstAction(t *testing.T) {
	in := &Input{Model: threatmodel.New()}
	tests := []struct {
		name       string
		severities []Severity
		want       Decision
	}{
		{"no findings", nil, DecisionPass},
		{"info only", []Severity{SeverityLow, SeverityInfo}, DecisionPass},
		{"a warning", []Severity{SeverityLow, SeverityMedium}, DecisionWarn},
		{"a block", []Severity{SeverityMedium, SeverityHigh, SeverityLow}, DecisionBlock},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var findings []Finding
			for _, s := range tt.severities {
				findings = append(findings, Finding{Severity: s})
			}
			r := Decide(findings, DefaultConfig().Thresholds(), in, 0)
			if r.Decision != tt.want {
				t.Errorf("decision = %s, want %s", r.Decision, tt.want)
			}
			if got := r.Summary.Block + r.Summary.Warn + r.Summary.Info; got != len(findings) {
				t.Errorf("summary counts %d findings, want %d", got, len(findings))
			}
		})
	}
}

func TestFindingsSortBlockingFirst(t *testing.T) {
	findings := []Finding{
		{Rule: "B", Severity: SeverityMedium},
		{Rule: "A", Severity: SeverityHigh},
		{Rule: "C", Severity: SeverityLow},
	}
	r := Decide(findings, DefaultConfig().Thresholds(), &Input{Model: threatmodel.New()}, 0)
	var got string
	for _, f := range r.Findings {
		got += f.Rule
	}
	if got != "ABC" {
		t.Errorf("order = %s, want ABC (block, warn, info)", got)
	}
}
