package engine

import "github.com/tms-dev/tms/extractors/threatmodel"

// Baseline states, as SARIF names them: in pull-request mode (--base) a
// finding is new when the change introduces it and unchanged when the
// merge base had it too.
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
)

// findingKey identifies a finding across two evaluations by what it says,
// never by its line, since lines move in any change.
type findingKey [4]string

func keyOf(f Finding) findingKey {
	return findingKey{f.Rule, f.Subject, f.Surface, f.Message}
}

func findingKeys(findings []Finding) map[findingKey]bool {
	seen := make(map[findingKey]bool, len(findings))
	for _, f := range findings {
		seen[keyOf(f)] = true
	}
	return seen
}

// markBaseline gives each finding that an acceptance hid its baseline
// state: unchanged when the base reported it, or had the same acceptance
// and so hid it too.
func markBaseline(accepted []Finding, seen map[findingKey]bool, base *threatmodel.Model) {
	before := map[threatmodel.Acceptance]bool{}
	for _, a := range base.Acceptances {
		before[acceptanceTarget(a)] = true
	}
	for i := range accepted {
		f := &accepted[i]
		f.Baseline = BaselineNew
		if seen[keyOf(*f)] || before[acceptanceTarget(*f.Suppression.Acceptance)] {
			f.Baseline = BaselineUnchanged
		}
	}
}

// acceptanceTarget is an acceptance reduced to what identifies it across
// commits: its id and what it accepts.
func acceptanceTarget(a threatmodel.Acceptance) threatmodel.Acceptance {
	return threatmodel.Acceptance{ID: a.ID, Threat: a.Threat, Surface: a.Surface}
}

// preexisting settles the findings the merge base already had as the
// change's own are settled, and gives each the action it would have had.
// They decide nothing: the formats that compare with the base branch
// themselves (SARIF, Code Quality) list them, the others only count them.
func (e *Engine) preexisting(c Config, findings []Finding) []Finding {
	kept, _, _ := e.settle(c, findings)
	t := e.thresholds(c)
	for i := range kept {
		kept[i].Action = t.action(kept[i])
	}
	SortFindings(kept)
	return kept
}
