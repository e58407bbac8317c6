package convert

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// Unmapped is something in the source that the import could not carry over
// as it was: an element left out, or a status brought in as something less
// trusted. Nothing is left out without one.
type Unmapped struct {
	Path string // the source file
	Line int    // 1-based line in the source, 0 when unknown
	What string // the element, e.g. `trust zone "internet"`
	Why  string // what happened to it and why
}

// String formats u as "path:line: what: why", the form editors link to.
func (u Unmapped) String() string {
	pos := u.Path
	if u.Line > 0 {
		pos = fmt.Sprintf("%s:%d", u.Path, u.Line)
	}
	return fmt.Sprintf("%s: %s: %s", pos, u.What, u.Why)
}

// builder collects a model from a source document, keeping ids unique and
// recording what it could not carry over.
type builder struct {
	name     string
	model    *threatmodel.Model
	comps    map[string]bool
	bounds   map[string]int
	surface  map[string]int
	threats  map[string]int
	mits     map[string]int
	accepts  map[string]int
	problems []threatmodel.Problem
	unmapped []Unmapped
}

func newBuilder(name string) *builder {
	return &builder{
		name:    name,
		model:   threatmodel.New(),
		comps:   map[string]bool{},
		bounds:  map[string]int{},
		surface: map[string]int{},
		threats: map[string]int{},
		mits:    map[string]int{},
		accepts: map[string]int{},
	}
}

// report records an element or status that is not carried over as it was.
func (b *builder) report(n *yaml.Node, what, format string, args ...any) {
	b.unmapped = append(b.unmapped, Unmapped{
		Path: b.name, Line: line(n), What: what, Why: fmt.Sprintf(format, args...),
	})
}

// problem records something that makes the document unreadable as a whole.
func (b *builder) problem(n *yaml.Node, format string, args ...any) {
	b.problems = append(b.problems, threatmodel.Problem{
		Path: b.name, Line: line(n), Message: fmt.Sprintf(format, args...),
	})
}

func line(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	return n.Line
}

// addComponent adds a component unless its id is already taken.
func (b *builder) addComponent(n *yaml.Node, what string, c threatmodel.Component) {
	if b.comps[c.ID] {
		b.report(n, what, "component id %q is already used; not imported as a component", c.ID)
		return
	}
	b.comps[c.ID] = true
	b.model.Components = append(b.model.Components, c)
}

// addBoundary adds a boundary, or adds the crossings to the one with its id.
func (b *builder) addBoundary(bd threatmodel.Boundary) {
	if i, ok := b.bounds[bd.ID]; ok {
		first := &b.model.Boundaries[i]
		first.CrossedBy = appendNew(first.CrossedBy, bd.CrossedBy...)
		return
	}
	b.bounds[bd.ID] = len(b.model.Boundaries)
	b.model.Boundaries = append(b.model.Boundaries, bd)
}

// addSurface adds an entry unless its id is already taken. Imported surface
// is unreviewed: a review of a diagram in another tool is not a review of
// the repository. Only an entry tms itself recorded as removed stays so.
func (b *builder) addSurface(n *yaml.Node, what string, e threatmodel.SurfaceEntry) bool {
	if _, dup := b.surface[e.ID]; dup {
		b.report(n, what, "surface id %q is already used by another element; not imported", e.ID)
		return false
	}
	if e.Status != "removed" {
		e.Status = "unreviewed"
	}
	e.ReviewedBy = ""
	b.surface[e.ID] = len(b.model.Surface)
	b.model.Surface = append(b.model.Surface, e)
	return true
}

// hasSurface reports whether an entry with this id was imported.
func (b *builder) hasSurface(id string) bool {
	_, ok := b.surface[id]
	return ok
}

// addThreat adds a threat, or merges it into an earlier one with the same id
// and title: tools that copy a threat onto several elements repeat its id.
func (b *builder) addThreat(n *yaml.Node, what string, t threatmodel.Threat) *threatmodel.Threat {
	if i, dup := b.threats[t.ID]; dup {
		first := &b.model.Threats[i]
		if first.Title != t.Title {
			b.report(n, what, "threat id %q is already used by %q; not imported", t.ID, first.Title)
			return nil
		}
		first.AppliesTo = appendNew(first.AppliesTo, t.AppliesTo...)
		return first
	}
	b.threats[t.ID] = len(b.model.Threats)
	b.model.Threats = append(b.model.Threats, t)
	return &b.model.Threats[len(b.model.Threats)-1]
}

// threat returns the imported threat with this id, or nil.
func (b *builder) threat(id string) *threatmodel.Threat {
	if i, ok := b.threats[id]; ok {
		return &b.model.Threats[i]
	}
	return nil
}

// addMitigation adds a mitigation, or merges it into an earlier one with the
// same id, keeping the less trusted status.
func (b *builder) addMitigation(n *yaml.Node, what string, m threatmodel.Mitigation) {
	if i, dup := b.mits[m.ID]; dup {
		first := &b.model.Mitigations[i]
		if first.Title != m.Title {
			b.report(n, what, "mitigation id %q is already used by %q; not imported",
				m.ID, first.Title)
			return
		}
		first.Mitigates = appendNew(first.Mitigates, m.Mitigates...)
		first.Covers = appendNew(first.Covers, m.Covers...)
		first.Evidence = appendNew(first.Evidence, m.Evidence...)
		first.Status = leastTrusted(first.Status, m.Status)
		return
	}
	b.mits[m.ID] = len(b.model.Mitigations)
	b.model.Mitigations = append(b.model.Mitigations, m)
}

// addAcceptance adds an acceptance unless its id is already taken.
func (b *builder) addAcceptance(n *yaml.Node, what string, a threatmodel.Acceptance) {
	if _, dup := b.accepts[a.ID]; dup {
		b.report(n, what, "acceptance id %q is already used; not imported", a.ID)
		return
	}
	b.accepts[a.ID] = len(b.model.Acceptances)
	b.model.Acceptances = append(b.model.Acceptances, a)
}

// acceptedThreats is the set of threats an imported acceptance names.
func (b *builder) acceptedThreats() map[string]bool {
	set := map[string]bool{}
	for _, a := range b.model.Acceptances {
		set[a.Threat] = true
	}
	return set
}

// result checks the model once more against the rule that an import never
// approves on its own, and returns it with the report sorted by line.
func (b *builder) result() (*threatmodel.Model, []Unmapped, error) {
	if len(b.problems) > 0 {
		return nil, nil, &threatmodel.LoadError{Problems: b.problems}
	}
	b.dropUnknownThreats()
	for i := range b.model.Mitigations {
		m := &b.model.Mitigations[i]
		if m.Status == "implemented" && len(m.Evidence) == 0 {
			m.Status = "proposed"
			b.report(nil, quoted("mitigation", m.ID),
				"implemented without evidence in the repository; imported as proposed")
		}
	}
	slices.SortStableFunc(b.unmapped, func(x, y Unmapped) int { return cmp.Compare(x.Line, y.Line) })
	return b.model, b.unmapped, nil
}

// dropUnknownThreats removes references to threats the import does not
// hold, so that every mitigation and acceptance names a threat in the model.
func (b *builder) dropUnknownThreats() {
	for i := range b.model.Mitigations {
		m := &b.model.Mitigations[i]
		kept := m.Mitigates[:0]
		for _, id := range m.Mitigates {
			if b.threat(id) == nil {
				b.report(nil, quoted("mitigation", m.ID),
					"answers threat %q, which is not in the import; reference dropped", id)
				continue
			}
			kept = append(kept, id)
		}
		m.Mitigates = kept
	}

	kept := b.model.Acceptances[:0]
	for _, a := range b.model.Acceptances {
		if a.Threat != "" && b.threat(a.Threat) == nil {
			b.report(nil, quoted("acceptance", a.ID),
				"accepts threat %q, which is not in the import; not imported", a.Threat)
			continue
		}
		kept = append(kept, a)
	}
	b.model.Acceptances = kept
}

// appendNew appends the values of add that list does not hold yet.
func appendNew(list []string, add ...string) []string {
	for _, v := range add {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// quoted names an element for a report: kind and quoted id.
func quoted(kind, id string) string {
	return fmt.Sprintf("%s %q", kind, id)
}

// oneLine folds text onto one line, for titles made from longer text.
func oneLine(text string) string {
	return strings.Join(strings.Fields(text), " ")
}
