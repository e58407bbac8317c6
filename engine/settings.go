package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// Suppression records why a finding was taken out of the decision: the
// setting of .tms.yaml that did it, or the acceptance in the threat model,
// and the reason a person wrote beside it.
type Suppression struct {
	Setting string `json:"setting,omitempty"` // rules.<rule id> or exemptions[<index>]
	Reason  string `json:"reason"`
	// Acceptance is the valid acceptance that hid the finding, when it was
	// the threat model rather than .tms.yaml.
	Acceptance *threatmodel.Acceptance `json:"acceptance,omitempty"`
}

// apply carries out the rule settings and exemptions of .tms.yaml: findings
// of disabled rules and in exempted paths are dropped and counted, and
// severity overrides are applied. Each of these is a person's decision,
// recorded with a reason in a reviewed file.
func (c Config) apply(findings []Finding) (kept []Finding, suppressed int) {
	for _, f := range findings {
		if c.suppression(f) != nil {
			suppressed++
			continue
		}
		if s := c.Rules[f.Rule].Severity; s != "" {
			f.Severity = s
		}
		kept = append(kept, f)
	}
	return kept, suppressed
}

// suppression names the setting that drops f, or returns nil when none does.
// A disabled rule is named before an exemption, as it applies everywhere. A
// folded reason (reason: >) loses the newline YAML leaves at its end.
func (c Config) suppression(f Finding) *Suppression {
	if s := c.Rules[f.Rule]; s.Disabled {
		return &Suppression{Setting: "rules." + f.Rule, Reason: strings.TrimSpace(s.Reason)}
	}
	if i := c.exemption(f); i >= 0 {
		return &Suppression{Setting: fmt.Sprintf("exemptions[%d]", i),
			Reason: strings.TrimSpace(c.Exemptions[i].Reason)}
	}
	return nil
}

func (c Config) exempt(f Finding) bool {
	return c.exemption(f) >= 0
}

// exemption returns the index of the first exemption that covers f, or -1.
func (c Config) exemption(f Finding) int {
	for i, e := range c.Exemptions {
		if len(e.Rules) > 0 && !slices.Contains(e.Rules, f.Rule) {
			continue
		}
		for _, glob := range e.Paths {
			if ok, _ := doublestar.Match(glob, f.Location.Path); ok {
				return i
			}
		}
	}
	return -1
}

// suppressed lists the findings that settle drops, each marked with its
// suppression and given the action it would have had, so that a report can
// show what the configuration hid and how much it mattered. Findings of
// protected bundle rules are never dropped and so never listed.
func (e *Engine) suppressed(c Config, findings []Finding) []Finding {
	var out []Finding
	t := c.Thresholds()
	for _, f := range findings {
		if e.protected(f.Rule) {
			continue
		}
		if f.Suppression = c.suppression(f); f.Suppression == nil {
			continue
		}
		f.Action = t.action(f)
		out = append(out, f)
	}
	SortFindings(out)
	return out
}
