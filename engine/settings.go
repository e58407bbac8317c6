package engine

import (
	"slices"

	"github.com/bmatcuk/doublestar/v4"
)

// apply carries out the rule settings and exemptions of .tms.yaml: findings
// of disabled rules and in exempted paths are dropped and counted, and
// severity overrides are applied. Each of these is a person's decision,
// recorded with a reason in a reviewed file.
func (c Config) apply(findings []Finding) (kept []Finding, suppressed int) {
	for _, f := range findings {
		setting := c.Rules[f.Rule]
		if setting.Disabled || c.exempt(f) {
			suppressed++
			continue
		}
		if setting.Severity != "" {
			f.Severity = setting.Severity
		}
		kept = append(kept, f)
	}
	return kept, suppressed
}

func (c Config) exempt(f Finding) bool {
	for _, e := range c.Exemptions {
		if len(e.Rules) > 0 && !slices.Contains(e.Rules, f.Rule) {
			continue
		}
		for _, glob := range e.Paths {
			if ok, _ := doublestar.Match(glob, f.Location.Path); ok {
				return true
			}
		}
	}
	return false
}
