package engine

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tms-dev/tms/extractors"
)

// Finding is one unmitigated difference between the repository and its threat
// model, as a rule reported it. Every report format is written from this type.
type Finding struct {
	Rule        string              `json:"rule"`
	Title       string              `json:"title"`
	Severity    Severity            `json:"severity"`
	Stride      []string            `json:"stride"`
	Surface     string              `json:"surface"`
	Subject     string              `json:"subject"`
	Message     string              `json:"message"`
	Remediation string              `json:"remediation"`
	Action      Action              `json:"action"`
	NewSurface  bool                `json:"new_surface"`
	Backlog     bool                `json:"backlog"` // about surface listed but not yet reviewed
	Location    extractors.Location `json:"location"`
	// Ticket is set when .tms.yaml maps the finding's severity to ticket:
	// `tms ticket` opens an issue for it.
	Ticket bool `json:"ticket,omitempty"`
	// Suppression is set on the findings in Report.Suppressed: the setting
	// of .tms.yaml or the acceptance that took the finding out of the
	// decision, and why.
	Suppression *Suppression `json:"suppression,omitempty"`
	// Baseline is set in pull-request mode (--base): BaselineNew when the
	// change introduces the finding, BaselineUnchanged when the merge base
	// had it too.
	Baseline string `json:"baseline,omitempty"`
}

// findings decodes the query result and completes each finding from its
// rule's METADATA: rules set the facts, metadata supplies the words. Decide
// orders them once actions are known.
func (e *Engine) findings(rs rego.ResultSet) ([]Finding, error) {
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return nil, fmt.Errorf("evaluate policies: %s is undefined", DecisionQuery)
	}
	data, err := json.Marshal(rs[0].Expressions[0].Value)
	if err != nil {
		return nil, err
	}
	var found []Finding
	if err := json.Unmarshal(data, &found); err != nil {
		return nil, fmt.Errorf("%w: %w: a finding does not have the finding shape: %v: %s",
			ErrInvalidPolicy, errMisshapen, err, findingHint)
	}

	for i := range found {
		if err := e.complete(&found[i]); err != nil {
			return nil, err
		}
	}
	return found, nil
}

func (e *Engine) complete(f *Finding) error {
	rule, ok := e.rules[f.Rule]
	if !ok {
		return fmt.Errorf("%w: %w: a finding names rule %q, which no rule's METADATA declares: %s",
			ErrInvalidPolicy, errMisshapen, f.Rule, findingHint)
	}
	f.Title = rule.Title
	f.Remediation = rule.Remediation
	if f.Severity == "" {
		f.Severity = rule.Severity
	}
	if !f.Severity.Valid() {
		return fmt.Errorf("%w: %s: rule %s reported severity %q (expected critical, high, medium, "+
			"low or info)", ErrInvalidPolicy, rule.Location, f.Rule, f.Severity)
	}
	if len(f.Stride) == 0 {
		f.Stride = rule.Stride
	}
	if err := validateStride(f.Stride); err != nil {
		return fmt.Errorf("%w: %s: rule %s reported %v", ErrInvalidPolicy, rule.Location, f.Rule, err)
	}
	f.Stride = slices.Clone(f.Stride)
	return nil
}

// SortFindings orders findings for reading: blocking first, then by severity,
// location, rule and subject. The order is total, so reports are stable.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Action != b.Action {
			return actionRank[a.Action] > actionRank[b.Action]
		}
		if a.Severity != b.Severity {
			return severityRank[a.Severity] > severityRank[b.Severity]
		}
		if a.Location != b.Location {
			if a.Location.Path != b.Location.Path {
				return a.Location.Path < b.Location.Path
			}
			return a.Location.Line < b.Location.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Message < b.Message
	})
}
