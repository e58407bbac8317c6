package engine

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Rule is one policy rule as its METADATA describes it.
type Rule struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Severity    Severity    `json:"severity"`
	Stride      []string    `json:"stride"`
	Remediation string      `json:"remediation"`
	References  []Reference `json:"references"` // METADATA related_resources
	Package     string      `json:"package"`
	Source      string      `json:"source"`             // "policies" for the library, else the team directory
	Location    string      `json:"location"`           // file:line of the rule
	Bundle      string      `json:"bundle,omitempty"`   // the bundle it came from, if any
	Revision    string      `json:"revision,omitempty"` // that bundle's revision
}

// Reference is a document a rule points to, such as a CWE entry.
type Reference struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// StrideCategories are the six STRIDE threat categories, as rules spell them.
var StrideCategories = []string{
	"spoofing", "tampering", "repudiation",
	"information_disclosure", "denial_of_service", "elevation_of_privilege",
}

var ruleIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)

// readRules finds every `deny` rule under data.tms.rules and validates its
// METADATA. A rule that could produce findings nobody can trace back to an id,
// a severity and a remediation is rejected before anything is evaluated.
func readRules(compiler *ast.Compiler, sources map[string]string) (map[string]Rule, error) {
	annotations := compiler.GetAnnotationSet()
	rules := map[string]Rule{}
	problems := misplacedRules(compiler, annotations)

	for _, name := range sortedModuleNames(compiler) {
		for _, r := range compiler.Modules[name].Rules {
			if !isDenyRule(r) {
				continue
			}
			rule, err := ruleFromMetadata(r, annotations.GetRuleScope(r), sources)
			if err == nil {
				err = checkUnique(rules, rule)
			}
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s:%d: %v", r.Location.File, r.Location.Row, err))
				continue
			}
			rules[rule.ID] = rule
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w:\n%s", ErrInvalidPolicy, strings.Join(problems, "\n"))
	}
	return rules, nil
}

// misplacedRules finds what would never report: the decision collects
// data.tms.rules[area].deny, one level deep, so a `deny` anywhere else, or a
// rule id on anything but such a `deny`, would be listed and then silently
// never run.
func misplacedRules(compiler *ast.Compiler, annotations *ast.AnnotationSet) []string {
	var problems []string
	for _, name := range sortedModuleNames(compiler) {
		m := compiler.Modules[name]
		for _, a := range m.Annotations {
			if id := customString(a.Custom, "id"); id != "" && a.Scope != "rule" {
				problems = append(problems, fmt.Sprintf("%s:%d: custom.id %s is in a METADATA block of "+
					"scope %s: put it in the block directly above its `deny contains` rule",
					name, a.Location.Row, id, a.Scope))
			}
		}
		for _, r := range m.Rules {
			if p := misplacedRule(r, annotations.GetRuleScope(r)); p != "" {
				problems = append(problems, fmt.Sprintf("%s:%d: %s", name, r.Location.Row, p))
			}
		}
	}
	return problems
}

func misplacedRule(r *ast.Rule, scoped []*ast.Annotations) string {
	ref := r.Ref()
	named := ref[len(ref)-1].Equal(ast.StringTerm("deny"))
	if named && !isAreaPackage(r.Module.Package.Path) || named && len(r.Head.Ref()) > 1 {
		return fmt.Sprintf("deny at data.%s never runs: tms collects findings only from `deny` "+
			"in a package tms.rules.<area>, one level deep; declare it in package tms.rules.%s",
			strings.Join(strings.Split(refPath(ref), "/"), "."), suggestedArea(ref))
	}
	for _, a := range scoped {
		if id := customString(a.Custom, "id"); id != "" && !named {
			return fmt.Sprintf("custom.id %s is on %s, which is not a `deny` rule: "+
				"only `deny contains` rules report findings", id, r.Head.Ref())
		}
	}
	return ""
}

// isAreaPackage holds for data.tms.rules.<area>, exactly.
func isAreaPackage(path ast.Ref) bool {
	return len(path) == 4 && path.HasPrefix(rulesRoot)
}

// suggestedArea names an area for a misplaced deny from where it was put:
// tms.rules.payments.api.deny becomes payments_api, team.checks.deny checks.
func suggestedArea(ref ast.Ref) string {
	segs := strings.Split(refPath(ref), "/")
	segs = segs[:len(segs)-1]
	if len(segs) > 2 && segs[0] == "tms" && segs[1] == "rules" {
		return strings.Join(segs[2:], "_")
	}
	if len(segs) == 0 {
		return "team"
	}
	return segs[len(segs)-1]
}

func sortedModuleNames(compiler *ast.Compiler) []string {
	names := make([]string, 0, len(compiler.Modules))
	for name := range compiler.Modules {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func isDenyRule(r *ast.Rule) bool {
	ref := r.Ref()
	return ref.HasPrefix(rulesRoot) && ref[len(ref)-1].Equal(ast.StringTerm("deny"))
}

func ruleFromMetadata(r *ast.Rule, scoped []*ast.Annotations, sources map[string]string) (Rule, error) {
	if r.Head.RuleKind() != ast.MultiValue {
		return Rule{}, fmt.Errorf("deny must be a set: write `deny contains finding if { ... }`")
	}
	if len(scoped) == 0 {
		return Rule{}, fmt.Errorf("deny rule has no METADATA block: put one directly above it, "+
			"such as\n\t%s", strings.ReplaceAll(minimalMetadata, "\n", "\n\t"))
	}
	a := scoped[0]
	custom := a.Custom
	rule := Rule{
		ID:          customString(custom, "id"),
		Title:       a.Title,
		Description: oneParagraph(a.Description),
		Severity:    Severity(customString(custom, "severity")),
		Stride:      customStrings(custom, "stride"),
		Remediation: oneParagraph(customString(custom, "remediation")),
		References:  references(a),
		Package:     strings.TrimPrefix(r.Module.Package.Path.String(), "data."),
		Source:      sources[r.Location.File],
		Location:    fmt.Sprintf("%s:%d", r.Location.File, r.Location.Row),
	}
	err := validateRule(rule)
	if misplaced := topLevelCustomKeys(r.Module, a); err != nil && len(misplaced) > 0 {
		err = fmt.Errorf("%w; move %s under custom: (OPA drops unknown keys at the top level "+
			"of METADATA)", err, strings.Join(misplaced, ", "))
	}
	return rule, err
}

// minimalMetadata is the smallest METADATA block a deny rule can carry.
const minimalMetadata = `# METADATA
# title: What the rule finds
# description: Why it matters.
# custom:
#   id: TEAM-AREA-001
#   severity: medium
#   stride: [tampering]
#   remediation: How to fix it.`

// customKeys are the METADATA fields tms reads under custom:.
var customKeys = []string{"id", "severity", "stride", "remediation"}

// topLevelCustomKeys finds the custom keys written at the top level of the
// METADATA block a, in order. OPA drops them without an error, so tms
// reads the block's comment lines itself to tell the author where they go.
func topLevelCustomKeys(m *ast.Module, a *ast.Annotations) []string {
	var found []string
	indent := -1
	for _, c := range m.Comments {
		row := c.Location.Row
		if row <= a.Location.Row || row > a.EndLoc().Row {
			continue
		}
		text := string(c.Text)
		trimmed := strings.TrimLeft(text, " ")
		if trimmed == "" {
			continue
		}
		if indent < 0 {
			indent = len(text) - len(trimmed)
		}
		key, _, ok := strings.Cut(trimmed, ":")
		if ok && len(text)-len(trimmed) == indent && slices.Contains(customKeys, key) {
			found = append(found, key)
		}
	}
	return found
}

func validateRule(r Rule) error {
	var missing []string
	if !ruleIDPattern.MatchString(r.ID) {
		missing = append(missing, fmt.Sprintf(
			"custom.id %q (expected upper-case words joined by dashes, e.g. TEAM-AUTH-001)", r.ID))
	}
	if r.Title == "" {
		missing = append(missing, "title")
	}
	if r.Description == "" {
		missing = append(missing, "description")
	}
	if !r.Severity.Valid() {
		missing = append(missing, fmt.Sprintf(
			"custom.severity %q (expected critical, high, medium, low or info)", r.Severity))
	}
	if err := validateStride(r.Stride); err != nil {
		missing = append(missing, err.Error())
	}
	if r.Remediation == "" {
		missing = append(missing, "custom.remediation")
	}
	if len(missing) > 0 {
		return fmt.Errorf("rule METADATA is missing or invalid: %s", strings.Join(missing, ", "))
	}
	return nil
}

func validateStride(stride []string) error {
	if len(stride) == 0 {
		return fmt.Errorf("custom.stride (expected a list of STRIDE categories)")
	}
	for _, s := range stride {
		if !slices.Contains(StrideCategories, s) {
			return fmt.Errorf("custom.stride %q (expected one of %s)", s, strings.Join(StrideCategories, ", "))
		}
	}
	return nil
}

func checkUnique(rules map[string]Rule, r Rule) error {
	if other, ok := rules[r.ID]; ok {
		return fmt.Errorf("rule id %s is already used by the rule at %s", r.ID, other.Location)
	}
	return nil
}

func references(a *ast.Annotations) []Reference {
	refs := []Reference{}
	for _, r := range a.RelatedResources {
		refs = append(refs, Reference{URL: r.Ref.String(), Description: r.Description})
	}
	return refs
}

// oneParagraph joins the lines of a METADATA text block, so reports do not
// carry the line breaks of the Rego source.
func oneParagraph(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func customString(custom map[string]any, key string) string {
	s, _ := custom[key].(string)
	return s
}

func customStrings(custom map[string]any, key string) []string {
	list, _ := custom[key].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}
