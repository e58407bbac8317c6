package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// Override is a repository setting that weakens a bundle rule, applied
// because the bundle lists the rule as overridable. Reports carry every one,
// so weakening an organisation's rule is never silent.
//
// Thresholds looser than the defaults (kind threshold) weaken an
// overridable rule without naming it. An exclude glob and a max_file_size
// below the default (kind limit) keep files from every rule, so each is
// listed, with no rule, for each bundle that has rules it may not weaken.
type Override struct {
	Rule   string `json:"rule,omitempty"` // empty for kinds exclude and limit
	Bundle string `json:"bundle"`
	// Kind is disabled, severity, exemption, threshold, exclude or limit.
	Kind string `json:"kind"`
	// Severity is the new severity for kind severity; for kind threshold,
	// the severity whose findings the setting decides leniently.
	Severity Severity `json:"severity,omitempty"`
	Action   Action   `json:"action,omitempty"`  // the lenient action, for kind threshold
	Setting  string   `json:"setting,omitempty"` // for kinds threshold and limit
	Glob     string   `json:"glob,omitempty"`    // the exclude glob, for kind exclude
	// Files counts the files the glob left out (kind exclude) or the limit
	// left unread (kind limit).
	Files  int    `json:"files,omitempty"`
	Reason string `json:"reason"`
	// Findings counts the findings it dropped or re-rated in this run; for
	// an exclude it is 0, as files never read give no findings to count.
	Findings int `json:"findings"`
}

// protected reports whether a repository may not weaken rule: it comes from
// a bundle that does not list it as overridable.
func (e *Engine) protected(rule string) bool {
	r, ok := e.rules[rule]
	if !ok || r.Bundle == "" {
		return false
	}
	for _, b := range e.bundles {
		if b.Source() == r.Source {
			return !b.Overridable()[rule]
		}
	}
	return true
}

// protectedRules lists the ids of the protected rules, sorted, for the
// library, which never caps their findings as backlog.
func (e *Engine) protectedRules() []string {
	var ids []string
	for _, id := range sortedRuleIDs(e.rules) {
		if e.protected(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// checkBundleSettings refuses settings that would disable, lower or exempt
// a protected bundle rule. Raising its severity is allowed: it only adds.
func (e *Engine) checkBundleSettings(c Config) error {
	var problems []string
	for id, s := range c.Rules {
		switch {
		case !e.protected(id):
		case s.Disabled:
			problems = append(problems, fmt.Sprintf("rules.%s disables %s", id, e.owner(id)))
		case s.Severity != "" && !s.Severity.AtLeast(e.rules[id].Severity):
			problems = append(problems, fmt.Sprintf("rules.%s lowers %s to %s", id, e.owner(id),
				s.Severity))
		}
	}
	for i, ex := range c.Exemptions {
		for _, id := range ex.Rules {
			if e.protected(id) {
				problems = append(problems, fmt.Sprintf("exemptions[%d] exempts %s", i, e.owner(id)))
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("config weakens organisation rules that their bundle does not list as "+
		"overridable: %s", strings.Join(problems, "; "))
}

// owner names a bundle rule with its bundle.
func (e *Engine) owner(id string) string {
	return fmt.Sprintf("%s of bundle %s", id, e.rules[id].Bundle)
}

// settle applies the configuration to findings. Protected bundle rules keep
// every finding, exemptions that name no rule pass them by, and a severity
// setting can only raise them. Every other finding goes through Config.apply,
// and each setting that weakened an overridable bundle rule is returned as
// an Override.
func (e *Engine) settle(c Config, findings []Finding) ([]Finding, int, []Override) {
	var kept, open []Finding
	for _, f := range findings {
		if !e.protected(f.Rule) {
			open = append(open, f)
			continue
		}
		if s := c.Rules[f.Rule].Severity; s != "" && !f.Severity.AtLeast(s) {
			f.Severity = s
		}
		kept = append(kept, f)
	}
	applied, suppressed := c.apply(open)
	return append(kept, applied...), suppressed, e.overrides(c, open)
}

// overrides lists the settings that weaken overridable bundle rules, with
// how many of this run's findings each one touched.
func (e *Engine) overrides(c Config, findings []Finding) []Override {
	var out []Override
	for _, id := range sortedRuleIDs(e.rules) {
		r := e.rules[id]
		if r.Bundle == "" {
			continue
		}
		of := slices.DeleteFunc(slices.Clone(findings), func(f Finding) bool { return f.Rule != id })
		out = append(out, ruleOverrides(c, r, of)...)
	}
	return out
}

func ruleOverrides(c Config, r Rule, findings []Finding) []Override {
	var out []Override
	base := Override{Rule: r.ID, Bundle: r.Bundle}
	if s, ok := c.Rules[r.ID]; ok && s.Disabled {
		o := base
		o.Kind, o.Reason, o.Findings = "disabled", s.Reason, len(findings)
		return append(out, o)
	}
	if s := c.Rules[r.ID]; s.Severity != "" && !s.Severity.AtLeast(r.Severity) {
		o := base
		o.Kind, o.Severity, o.Reason, o.Findings = "severity", s.Severity, s.Reason, len(findings)
		out = append(out, o)
	}
	for _, ex := range c.Exemptions {
		if len(ex.Rules) > 0 && !slices.Contains(ex.Rules, r.ID) {
			continue
		}
		one := Config{Exemptions: []Exemption{ex}}
		n := 0
		for _, f := range findings {
			if one.exempt(f) {
				n++
			}
		}
		// An exemption for every rule is listed where it hit something;
		// one that names the rule is listed always.
		if n == 0 && len(ex.Rules) == 0 {
			continue
		}
		o := base
		o.Kind, o.Reason, o.Findings = "exemption", ex.Reason, n
		out = append(out, o)
	}
	return out
}

func sortedRuleIDs(rules map[string]Rule) []string {
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// BundleInfos lists the bundles the engine evaluates, in load order.
func (e *Engine) BundleInfos() []BundleInfo {
	out := make([]BundleInfo, 0, len(e.bundles))
	for _, b := range e.bundles {
		out = append(out, b.Info())
	}
	return out
}

// bundleNote is one fact a report states about the organisation bundles of
// a run: a bundle with its revision and signature, or a repository setting
// that weakened one of its rules. Every report format that has room for
// prose takes these same words, so that no format tells a different story.
type bundleNote struct {
	Kind string // bundle or override
	Text string // the fact, without its kind
}

func (n bundleNote) String() string {
	return n.Kind + " " + n.Text
}

// bundleNotes lists the bundles in load order, then the overrides in the
// order the engine found them (sorted by rule id, then the excludes). Each note is one line:
// a line break in a reason from the repository's configuration would
// otherwise start a line of its own, which a CI log can read as a command.
func bundleNotes(s Summary) []bundleNote {
	notes := make([]bundleNote, 0, len(s.Bundles)+len(s.Overrides))
	for _, info := range s.Bundles {
		revision := info.Revision
		if revision == "" {
			revision = "(none)"
		}
		state := info.Signature.Label()
		if info.Cached {
			state += ", cached copy: the server was unreachable"
		}
		notes = append(notes, bundleNote{Kind: "bundle", Text: oneLine(fmt.Sprintf(
			"%s revision %s (%s)", info.Ref, revision, state))})
	}
	for _, o := range s.Overrides {
		notes = append(notes, bundleNote{Kind: "override", Text: oneLine(o.text())})
	}
	return notes
}

func (o Override) text() string {
	switch o.Kind {
	case "exclude":
		return fmt.Sprintf("exclude %s for bundle %s: %s left out of the walk by the repository (%s)",
			o.Glob, o.Bundle, plural(o.Files, "file"), o.Reason)
	case "severity":
		return fmt.Sprintf("%s of bundle %s: lowered to %s by the repository (%s), %s",
			o.Rule, o.Bundle, o.Severity, o.Reason, plural(o.Findings, "finding"))
	case "threshold":
		return fmt.Sprintf("%s of bundle %s: %s findings decided %s by the repository (%s), %s",
			o.Rule, o.Bundle, o.Severity, o.Action, o.Setting, plural(o.Findings, "finding"))
	case "limit":
		return fmt.Sprintf("%s for bundle %s: %s over the limit left unread by the repository "+
			"(the default is %d bytes)", o.Setting, o.Bundle, plural(o.Files, "file"),
			extractors.DefaultMaxFileSize)
	}
	return fmt.Sprintf("%s of bundle %s: %s by the repository (%s), %s",
		o.Rule, o.Bundle, o.Kind, o.Reason, plural(o.Findings, "finding"))
}

// oneLine collapses every run of white space, line breaks included, to a
// single space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// writeBundleLines tells the reader of a text report which bundles judged
// the run and which of their rules the repository weakened.
func writeBundleLines(b *strings.Builder, s Summary) {
	notes := bundleNotes(s)
	for _, n := range notes {
		b.WriteString(n.String() + "\n")
	}
	if len(notes) > 0 {
		b.WriteString("\n")
	}
}
