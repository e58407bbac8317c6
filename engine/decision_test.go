package engine

import (
	"testing"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

func TestThresholdsMapSeverityToAction(t *testing.T) {
	defaults := DefaultConfig().Thresholds()
	strict := Thresholds{FailOn: SeverityLow, WarnOn: SeverityInfo}
	newSurface := Thresholds{FailOn: SeverityHigh, WarnOn: SeverityMedium, FailOnNewSurface: true}
	handled := Thresholds{FailOn: SeverityHigh, WarnOn: SeverityMedium, Actions: map[Severity]Handling{
		SeverityCritical: HandleBlock, SeverityHigh: HandleTicket, SeverityMedium: HandleLog,
		SeverityInfo: HandleComment,
	}}
	handledNew := handled
	handledNew.FailOnNewSurface = true

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
		{"actions: block", handled, Finding{Severity: SeverityCritical}, ActionBlock},
		{"actions: ticket warns", handled, Finding{Severity: SeverityHigh}, ActionWarn},
		{"actions: log is info", handled, Finding{Severity: SeverityMedium}, ActionInfo},
		{"actions: comment warns", handled, Finding{Severity: SeverityInfo}, ActionWarn},
		{"actions: unnamed keeps the threshold", handled, Finding{Severity: SeverityLow}, ActionInfo},
		{"new surface still blocks", handledNew, Finding{Severity: SeverityHigh, NewSurface: true},
			ActionBlock},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.thresholds.action(tt.finding); got != tt.want {
				t.Errorf("action = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestDecideMarksTickets checks that only the severities actions: maps to
// ticket are marked for tms ticket, whatever their action.
func TestDecideMarksTickets(t *testing.T) {
	th := DefaultConfig().Thresholds()
	th.Actions = map[Severity]Handling{SeverityHigh: HandleTicket, SeverityLow: HandleComment}
	findings := []Finding{
		{Rule: "A", Severity: SeverityHigh}, {Rule: "B", Severity: SeverityLow},
		{Rule: "C", Severity: SeverityCritical},
	}
	r := Decide(findings, th, &Input{Model: threatmodel.New()}, 3)
	tickets := map[string]bool{}
	for _, f := range r.Findings {
		tickets[f.Rule] = f.Ticket
	}
	if !tickets["A"] || tickets["B"] || tickets["C"] {
		t.Errorf("tickets are %v, want only A", tickets)
	}
	if r.Decision != DecisionBlock || r.Summary.Warn != 2 {
		t.Errorf("decision %s with %d warnings, want block with 2", r.Decision, r.Summary.Warn)
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
