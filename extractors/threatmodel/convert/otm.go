package convert

import (
	"cmp"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// otmReader turns an OTM document into a tms model. Components and dataflows
// become surface entries; threats and mitigations keep their ids, and a
// threat applies to the elements whose threat instances name it.
type otmReader struct {
	b         *builder
	instances []otmInstance
	zones     map[string]*otmZone
	zoneOrder []string
	parents   map[string]otmParentRef // component id → its parent
	known     map[string]bool         // every component id, tms's surface entries too
	flows     []otmFlow
}

// otmInstance is one threat instance: a threat named on an element.
type otmInstance struct {
	at          *yaml.Node
	element     string // the element, for reports: component "web"
	surface     string // the element's surface id
	threat      string
	state       string
	mitigations []otmMitigationUse
}

// otmMitigationUse is one mitigation instance inside a threat instance.
type otmMitigationUse struct {
	at    *yaml.Node
	id    string
	state string
}

func readOTM(b *builder, root *fields) {
	r := &otmReader{b: b, zones: map[string]*otmZone{}, parents: map[string]otmParentRef{},
		known: map[string]bool{}}
	r.reportViews(root)
	r.readZones(root)
	r.readElements(root, "components", "component", "otm.component")
	r.readElements(root, "dataflows", "dataflow", "otm.dataflow")
	r.readBoundaries()
	r.readThreats(root)
	r.readMitigations(root)
	r.reportStates()
}

// section returns the items of a top-level list; any other value makes the
// document unreadable.
func (r *otmReader) section(root *fields, key string) []*yaml.Node {
	n := root.node(key)
	if n != nil && n.Kind != yaml.SequenceNode {
		r.b.problem(n, "%s is %s (expected a list)", key, describe(n))
		return nil
	}
	return root.list(key)
}

// reportViews reports the parts of OTM that tms has no place for.
func (r *otmReader) reportViews(root *fields) {
	for _, n := range r.section(root, "representations") {
		what := quoted("representation", r.b.fields(n, "").text("id"))
		r.b.report(n, what, "a diagram or code view; tms keeps no views; not imported")
	}
	for _, n := range r.section(root, "assets") {
		what := quoted("asset", r.b.fields(n, "").text("id"))
		r.b.report(n, what, "a data asset; tms has no data assets "+
			"(the components that hold it are imported); not imported")
	}
}

// readElements imports components or dataflows as surface entries.
func (r *otmReader) readElements(root *fields, key, word, kind string) {
	for _, n := range r.section(root, key) {
		f := r.b.fields(n, word)
		id := f.text("id")
		if id == "" {
			r.b.report(n, word, "has no id; not imported")
			continue
		}
		what := quoted(word, id)
		f.describing(what)
		attrs := r.b.attributes(f)
		entry := r.surfaceEntry(n, what, kind, id, attrs)
		if !r.b.addSurface(n, what, entry) {
			continue
		}
		r.acceptance(attrs, what, "", entry.ID)
		r.readInstances(f, what, entry.ID)
		r.known[id] = r.known[id] || word == "component"
		if attrs.has(attrSurfaceID) {
			continue // a tms surface entry, not a component of the system
		}
		if word == "component" {
			r.parents[id] = r.checkedParent(n, what, r.parent(f))
			r.b.addComponent(n, what, threatmodel.Component{
				ID: id, Title: cmp.Or(oneLine(f.text("name")), id),
				Surface: []string{literal(entry.ID)},
			})
		} else {
			r.flows = append(r.flows, otmFlow{at: n, what: what, surface: entry.ID,
				source: f.text("source"), destination: f.text("destination")})
		}
	}
}

// surfaceEntry names an element otm.component:<id> or otm.dataflow:<id>,
// unless the tms export wrote the surface id it came from.
func (r *otmReader) surfaceEntry(n *yaml.Node, what, kind, id string,
	attrs attributes) threatmodel.SurfaceEntry {
	e := threatmodel.SurfaceEntry{ID: kind + ":" + id, Kind: kind, Exposure: "unknown"}
	if sid := attrs.text(attrSurfaceID); sid != "" {
		// tms's own entry: an exposure it did not record stays unrecorded.
		e.ID, e.Kind, e.Exposure = sid, attrs.text(attrKind), ""
	}

	switch v := attrs.text(attrExposure); {
	case validExposure(v):
		e.Exposure = v
	case v != "":
		r.b.report(attrs[attrExposure], what, "exposure %q is not public, internal or unknown; "+
			"read as unknown", v)
	}
	switch v := attrs.text(attrFingerprint); {
	case validFingerprint(v):
		e.Fingerprint = v
	case v != "":
		r.b.report(attrs[attrFingerprint], what, "fingerprint %q is not one tms writes; dropped", v)
	}
	switch attrs.text(attrStatus) {
	case "removed":
		e.Status = "removed"
	case "reviewed":
		r.b.report(n, what, "reviewed in the source; surface entries are imported unreviewed, "+
			"for a person to review against the repository")
	}
	return e
}

// readInstances records the element's threat instances.
func (r *otmReader) readInstances(f *fields, what, surface string) {
	for _, n := range f.list("threats") {
		tf := r.b.fields(n, what)
		inst := otmInstance{
			at: n, element: what, surface: surface,
			threat: tf.text("threat"), state: tf.text("state"),
		}
		if inst.threat == "" {
			r.b.report(n, what, "a threat instance names no threat; not imported")
			continue
		}
		for _, m := range tf.list("mitigations") {
			mf := r.b.fields(m, what)
			use := otmMitigationUse{at: m, id: mf.text("mitigation"), state: mf.text("state")}
			if use.id == "" {
				r.b.report(m, what, "a mitigation instance names no mitigation; not imported")
				continue
			}
			inst.mitigations = append(inst.mitigations, use)
		}
		r.instances = append(r.instances, inst)
	}
}

// readThreats imports the threats the document defines.
func (r *otmReader) readThreats(root *fields) {
	for _, n := range r.section(root, "threats") {
		f := r.b.fields(n, "threat")
		id := f.text("id")
		if id == "" {
			r.b.report(n, "threat", "has no id; not imported")
			continue
		}
		what := quoted("threat", id)
		f.describing(what)
		attrs := r.b.attributes(f)
		t := threatmodel.Threat{
			ID:          id,
			Title:       cmp.Or(f.text("name"), id),
			Description: f.text("description"),
			Stride:      r.b.stride(n, what, f.texts("categories")),
			Severity:    r.severity(f, attrs, what),
			AppliesTo:   r.appliesTo(attrs, id, what),
			Status:      "unreviewed",
		}
		if attrs.text(attrStatus) == "reviewed" {
			if by := attrs.text(attrReviewedBy); by != "" {
				t.Status, t.ReviewedBy = "reviewed", by
			} else {
				r.b.report(n, what, "reviewed in the source without a reviewer; imported unreviewed")
			}
		}
		if r.b.addThreat(n, what, t) != nil {
			r.acceptance(attrs, what, id, "")
		}
	}
	r.reportUndefinedThreats()
}

// severity prefers the severity the tms export wrote, then the impact.
func (r *otmReader) severity(f *fields, attrs attributes, what string) string {
	if attrs.has(attrSeverity) {
		v := attrs.text(attrSeverity)
		if v == "" || slices.Contains(severities, v) {
			return v
		}
		r.b.report(attrs[attrSeverity], what, "%s %q is not a tms severity; ignored",
			attrSeverity, v)
	}
	impact, ok := f.sub("risk", what).number("impact")
	if !ok {
		r.b.report(f.at(), what, "has no risk impact; severity left empty")
		return ""
	}
	return otmImpactSeverity(impact)
}

// appliesTo is the globs the tms export wrote, or else the elements whose
// threat instances name the threat.
func (r *otmReader) appliesTo(attrs attributes, id, what string) []string {
	if attrs.has(attrAppliesTo) {
		return r.b.globs(attrs, attrAppliesTo, what)
	}
	out := []string{}
	for _, inst := range r.instances {
		if inst.threat == id {
			out = appendNew(out, literal(inst.surface))
		}
	}
	return out
}

func (r *otmReader) reportUndefinedThreats() {
	for _, inst := range r.instances {
		if r.b.threat(inst.threat) == nil {
			r.b.report(inst.at, inst.element, "a threat instance names threat %q, "+
				"which the document does not define; not imported", inst.threat)
		}
	}
}
