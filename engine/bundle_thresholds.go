package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// thresholds decides the findings of a run: the configuration's thresholds,
// with the default ones as a floor under the protected bundle rules. A
// repository that sets fail_on: critical or actions: {high: log} must not
// turn an organisation's blocking rule into a warning.
func (e *Engine) thresholds(c Config) Thresholds {
	t := c.Thresholds()
	t.Floor = map[string]bool{}
	for _, id := range e.protectedRules() {
		t.Floor[id] = true
	}
	return t
}

// reportOverrides gathers every repository setting that weakened a bundle
// rule in this run: the rule settings and exemptions that settle applied
// and the thresholds that decided findings leniently, sorted by rule id,
// then the exclude globs, the tool folders the walk skipped and the file
// size limit, which name no rule.
func (e *Engine) reportOverrides(c Config, settled []Override, decided []Finding,
	in *Input) []Override {
	out := append(slices.Clone(settled), e.thresholdOverrides(c, decided)...)
	slices.SortStableFunc(out, func(a, b Override) int { return strings.Compare(a.Rule, b.Rule) })
	out = append(out, e.excludeOverrides(c, in.Excluded)...)
	out = append(out, e.skippedOverrides(in.Skipped)...)
	return append(out, e.limitOverrides(c, in.Repo.Diagnostics)...)
}

// thresholdOverrides lists each overridable bundle rule that fail_on,
// warn_on or actions decide more leniently than the defaults: at the rule's
// severity, or for any of this run's findings (a backlog finding is capped
// below it). Findings counts the findings decided leniently.
func (e *Engine) thresholdOverrides(c Config, decided []Finding) []Override {
	t, defaults := c.Thresholds(), DefaultConfig().Thresholds()
	lenient := func(f Finding) bool {
		return actionRank[t.ownAction(f)] < actionRank[defaults.ownAction(f)]
	}
	var out []Override
	for _, id := range sortedRuleIDs(e.rules) {
		r := e.rules[id]
		if r.Bundle == "" || e.protected(id) || c.Rules[id].Disabled {
			continue
		}
		probe := Finding{Rule: id, Severity: r.Severity}
		if s := c.Rules[id].Severity; s != "" {
			probe.Severity = s
		}
		found, n := lenient(probe), 0
		for _, f := range decided {
			if f.Rule == id && lenient(f) {
				if !found {
					probe, found = f, true
				}
				n++
			}
		}
		if found {
			out = append(out, Override{Rule: id, Bundle: r.Bundle, Kind: "threshold",
				Severity: probe.Severity, Action: t.ownAction(probe),
				Setting: c.thresholdSetting(probe.Severity), Findings: n})
		}
	}
	return out
}

// thresholdSetting names the setting that decides findings of severity s
// more leniently than the defaults.
func (c Config) thresholdSetting(s Severity) string {
	if h, ok := c.Actions[s]; ok {
		return fmt.Sprintf("actions.%s: %s", s, h)
	}
	if s.AtLeast(DefaultConfig().FailOn) && !s.AtLeast(c.FailOn) {
		return fmt.Sprintf("fail_on: %s", c.FailOn)
	}
	return fmt.Sprintf("warn_on: %s", c.WarnOn)
}

// limitOverrides reports a max_file_size below the default once for every
// bundle with protected rules: a file over the limit is never read, so a
// repository could hide its go.mod from the organisation's rules by
// setting a limit of a few bytes. Files counts the files it left unread.
func (e *Engine) limitOverrides(c Config, diags []extractors.Diagnostic) []Override {
	if c.MaxFileSize <= 0 || c.MaxFileSize >= extractors.DefaultMaxFileSize {
		return nil
	}
	unread := 0
	for _, d := range diags {
		if strings.Contains(d.Message, extractors.ErrTooLarge.Error()) {
			unread++
		}
	}
	var out []Override
	for _, b := range e.guardingBundles() {
		out = append(out, Override{Bundle: b.Ref, Kind: "limit",
			Setting: fmt.Sprintf("max_file_size: %d", c.MaxFileSize), Files: unread})
	}
	return out
}
