package engine

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// policyDirs resolves the config's policy directories against the directory
// of the config file, so .tms.yaml reads the same from any working directory.
func policyDirs(configPath string, dirs []string) []string {
	out := make([]string, 0, len(dirs))
	for _, dir := range dirs {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(filepath.Dir(configPath), dir)
		}
		out = append(out, dir)
	}
	return out
}

// ruleSettings reads `rules:`, a mapping from rule id to its setting.
func ruleSettings(d *threatmodel.Decoder, f *threatmodel.Fields) map[string]RuleSetting {
	n := f.Node("rules")
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.Problemf(n, "rules", "found a %s (expected a mapping from rule id to its setting)", kindName(n))
		return nil
	}

	settings := map[string]RuleSetting{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		id, field := n.Content[i].Value, "rules."+n.Content[i].Value
		rf := d.Fields(n.Content[i+1], field, "disabled", "severity", "reason")
		setting := RuleSetting{
			Disabled: boolField(d, rf, "disabled", false),
			Severity: Severity(rf.String("severity", severityCheck)),
			Reason:   rf.String("reason"),
			at:       position{n.Content[i].Line, n.Content[i].Column},
		}
		// A reason of blanks would pass a check for presence and tell the
		// reviewer nothing.
		if setting.Disabled && strings.TrimSpace(setting.Reason) == "" {
			d.Problemf(n.Content[i], field, "a disabled rule needs a reason (expected reason: ...)")
		}
		settings[id] = setting
	}
	return settings
}

// exemptions reads `exemptions:`, each with paths, optional rules and a reason.
func exemptions(d *threatmodel.Decoder, f *threatmodel.Fields) []Exemption {
	var out []Exemption
	f.Each("exemptions", "a list of exemptions", func(n *yaml.Node, field string) {
		ef := d.Fields(n, field, "paths", "rules", "reason")
		ef.Require("paths", "reason")
		out = append(out, Exemption{
			Paths:  ef.Strings("paths", threatmodel.NonEmpty, threatmodel.Glob),
			Rules:  ef.Strings("rules", threatmodel.NonEmpty),
			Reason: ef.String("reason", reasonCheck),
			ruleAt: itemPositions(ef.Node("rules")),
		})
	})
	return out
}

// excludeGlobs reads `exclude:`, whose entries are a glob, or a mapping of
// paths and the reason they are left out.
func excludeGlobs(d *threatmodel.Decoder, f *threatmodel.Fields) []ExcludeGlob {
	out := []ExcludeGlob{}
	f.Each("exclude", "a list of globs", func(n *yaml.Node, field string) {
		if n.Kind == yaml.ScalarNode {
			out = append(out, ExcludeGlob{Glob: globScalar(d, n, field)})
			return
		}
		ef := d.Fields(n, field, "paths", "reason")
		ef.Require("paths", "reason")
		reason := ef.String("reason", reasonCheck)
		for _, glob := range ef.Strings("paths", threatmodel.NonEmpty, threatmodel.Glob) {
			out = append(out, ExcludeGlob{Glob: glob, Reason: reason})
		}
	})
	return out
}

// globScalar is the glob a plain entry of `exclude:` holds.
func globScalar(d *threatmodel.Decoder, n *yaml.Node, field string) string {
	if n.ShortTag() != "!!str" {
		d.Problemf(n, field, "found %q (expected a glob, or a mapping of paths and a reason)", n.Value)
		return ""
	}
	for _, check := range []threatmodel.Check{threatmodel.NonEmpty, threatmodel.Glob} {
		if msg := check(n.Value); msg != "" {
			d.Problemf(n, field, "%s", msg)
			return ""
		}
	}
	return n.Value
}

// reasonCheck refuses a reason without words: one written only to get past
// the check tells the reviewer nothing.
func reasonCheck(v string) string {
	if strings.TrimSpace(v) == "" {
		return fmt.Sprintf("%q is blank (expected a reason a reviewer can read)", v)
	}
	return ""
}

// dataField reads `data:`, any JSON-like mapping, for rules to read as
// data.tms.config.
func dataField(d *threatmodel.Decoder, f *threatmodel.Fields) map[string]any {
	n := f.Node("data")
	if n == nil {
		return nil
	}
	var data map[string]any
	if n.Kind != yaml.MappingNode || n.Decode(&data) != nil {
		d.Problemf(n, "data", "found a %s (expected a mapping)", kindName(n))
		return nil
	}
	// A JSON round trip turns YAML's dates and integer types into the plain
	// values rules see in any other document.
	raw, err := json.Marshal(data)
	if err == nil {
		err = json.Unmarshal(raw, &data)
	}
	if err != nil {
		d.Problemf(n, "data", "holds a value JSON cannot represent (%v)", err)
		return nil
	}
	return data
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "scalar"
}

// itemPositions lists where each item of a YAML sequence sits.
func itemPositions(n *yaml.Node) []position {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]position, len(n.Content))
	for i, item := range n.Content {
		out[i] = position{item.Line, item.Column}
	}
	return out
}

// checkRuleIDs reports settings and exemptions that name a rule no policy
// declares, each at its place in .tms.yaml: a typo there would silently
// change nothing.
func (c Config) checkRuleIDs(known map[string]Rule) error {
	var problems []threatmodel.Problem
	unknown := func(at position, field, message string) {
		problems = append(problems, threatmodel.Problem{Path: c.file, Line: at.line,
			Column: at.column, Field: field, Message: message + " (tms policy list shows the rules)"})
	}
	for id, s := range c.Rules {
		if _, ok := known[id]; !ok {
			unknown(s.at, "rules."+id, "no policy declares this rule")
		}
	}
	for i, e := range c.Exemptions {
		for j, id := range e.Rules {
			if _, ok := known[id]; !ok {
				var at position
				if j < len(e.ruleAt) {
					at = e.ruleAt[j]
				}
				unknown(at, fmt.Sprintf("exemptions[%d].rules[%d]", i, j), "no policy declares rule "+id)
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Slice(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Field < b.Field
	})
	return &threatmodel.LoadError{Problems: problems}
}
