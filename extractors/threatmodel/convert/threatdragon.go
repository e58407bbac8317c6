package convert

import (
	"cmp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// dragonKinds maps Threat Dragon element types to the word tms uses in the
// surface id, threatdragon.<kind>:<cell id>.
var dragonKinds = map[string]string{
	"tm.Process": "process",
	"tm.Store":   "store",
	"tm.Actor":   "actor",
	"tm.Flow":    "flow",
}

// dragonReader turns a Threat Dragon v2 model into a tms model: every
// process, store, actor and flow of every diagram becomes a surface entry,
// and the threats on each become threats that apply to it.
type dragonReader struct {
	b *builder
}

func readThreatDragon(b *builder, root *fields) {
	r := &dragonReader{b: b}
	detail := root.sub("detail", "detail")
	switch diagrams := detail.node("diagrams"); {
	case diagrams == nil:
		b.problem(root.at(), "no detail.diagrams (expected a list of diagrams)")
		return
	case diagrams.Kind != yaml.SequenceNode:
		b.problem(diagrams, "detail.diagrams is %s (expected a list)", describe(diagrams))
		return
	}
	for _, d := range detail.list("diagrams") {
		df := b.fields(d, "diagram")
		what := quoted("diagram", df.text("title"))
		cells := df.node("cells")
		if df == nil || (cells != nil && cells.Kind != yaml.SequenceNode) {
			b.report(d, what, "not a diagram with a list of cells; not imported")
			continue
		}
		for _, cell := range df.list("cells") {
			r.readCell(cell)
		}
	}
}

func (r *dragonReader) readCell(n *yaml.Node) {
	f := r.b.fields(n, "cell")
	id := f.text("id")
	data := f.sub("data", quoted("cell", id))
	typ := data.text("type")
	kind := dragonKinds[typ]
	if kind == "" {
		r.reportOther(n, id, typ, f.text("shape"))
		return
	}
	if id == "" {
		r.b.report(n, kind, "has no id; not imported")
		return
	}

	what := quoted(kind, id)
	f.describing(what)
	data.describing(what)
	entry := threatmodel.SurfaceEntry{
		ID: "threatdragon." + kind + ":" + id, Kind: "threatdragon." + kind, Exposure: "unknown",
	}
	// A flow over a public network says so; false is also the editor's
	// default, so it does not say the flow is internal.
	if public, _ := data.flag("isPublicNetwork"); public {
		entry.Exposure = "public"
	}
	if out, _ := data.flag("outOfScope"); out {
		r.b.report(n, what, "out of scope in Threat Dragon (%s); tms has no such status; "+
			"imported unreviewed", cmpOrText(data.text("reasonOutOfScope"), "no reason given"))
	}
	if !r.b.addSurface(n, what, entry) {
		return
	}
	// Flows are surface between elements; the other elements are the parts
	// of the system, kept as components so that their names stay.
	if kind != "flow" {
		r.b.addComponent(n, what, threatmodel.Component{
			ID: id, Title: cmp.Or(oneLine(data.text("name")), id),
			Surface: []string{literal(entry.ID)},
		})
	}
	for _, t := range data.list("threats") {
		r.readThreat(t, entry.ID, what)
	}
}

// reportOther reports the cells that are not surface: trust boundaries, text
// and anything the reader does not know.
func (r *dragonReader) reportOther(n *yaml.Node, id, typ, shape string) {
	switch {
	case typ == "tm.BoundaryBox" || strings.Contains(shape, "boundary-box"):
		r.b.report(n, quoted("trust boundary", id), "Threat Dragon draws it as a box and "+
			"records only where it is drawn, not which elements it holds or which flows "+
			"cross it; not imported")
	case strings.Contains(typ, "Boundary") || strings.Contains(shape, "boundary"):
		r.b.report(n, quoted("trust boundary", id), "Threat Dragon draws it as a line and does "+
			"not record which flows cross it; not imported")
	case typ == "tm.Text" || strings.Contains(shape, "text"):
		r.b.report(n, quoted("text", id), "a note on the diagram; not imported")
	default:
		r.b.report(n, quoted("cell", id), "element type %q is not one tms knows; not imported",
			cmp.Or(typ, shape))
	}
}

// readThreat imports one threat on an element, with its mitigation text as
// a proposed mitigation. Threat Dragon names no person or evidence for a
// threat, so none of its statuses is taken over.
func (r *dragonReader) readThreat(n *yaml.Node, surface, element string) {
	f := r.b.fields(n, "threat on "+element)
	id := f.text("id")
	if id == "" {
		r.b.report(n, "threat on "+element, "has no id; not imported")
		return
	}
	what := quoted("threat", id)
	f.describing(what)
	t := threatmodel.Threat{
		ID:          id,
		Title:       cmp.Or(f.text("title"), id),
		Description: f.text("description"),
		Stride:      r.b.stride(n, what, []string{f.text("type")}),
		Severity:    r.severity(f, what),
		AppliesTo:   []string{literal(surface)},
		Status:      "unreviewed",
	}
	if r.b.addThreat(n, what, t) == nil {
		return
	}

	mitigation := strings.TrimSpace(f.text("mitigation"))
	if mitigation != "" {
		r.b.addMitigation(n, what, threatmodel.Mitigation{
			ID: "M-" + id, Title: oneLine(mitigation), Mitigates: []string{id},
			Covers: []string{literal(surface)}, Evidence: []string{}, Status: "proposed",
		})
	}
	r.reportStatus(f, what, mitigation != "")
}

func (r *dragonReader) severity(f *fields, what string) string {
	v := f.text("severity")
	if s, ok := threatDragonSeverity[key(v)]; ok {
		return s
	}
	r.b.report(f.at(), what, "severity %q is not one tms maps; left empty", v)
	return ""
}

func (r *dragonReader) reportStatus(f *fields, what string, hasMitigation bool) {
	status := f.text("status")
	state, known := threatDragonState[key(status)]
	switch {
	case !known:
		r.b.report(f.at(), what, "status %q is not a Threat Dragon status; read as open", status)
	case state == stateMitigated && hasMitigation:
		r.b.report(f.at(), what, "mitigated in Threat Dragon, which names no person or "+
			"evidence; its mitigation is imported as proposed and the threat stays unreviewed")
	case state == stateMitigated:
		r.b.report(f.at(), what, "mitigated in Threat Dragon without a mitigation text; "+
			"no mitigation imported, the threat stays unreviewed")
	case state == stateNotApplicable:
		r.b.report(f.at(), what, "not applicable in Threat Dragon, which names no approver; "+
			"not imported as an acceptance, the threat stays unreviewed")
	}
}
