package convert

import (
	"fmt"
	"maps"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// otmZone is a trust zone, which tms keeps as the boundaries that
// dataflows cross into or out of it.
type otmZone struct {
	at        *yaml.Node
	id, name  string
	rating    float64
	rated     bool
	generated bool // written by the tms export; it carries nothing more
	crossed   bool
}

// otmParentRef is where a component sits: a trust zone or a component. at
// and what place the component, to report a parent the document lacks.
type otmParentRef struct {
	zone, component string
	at              *yaml.Node
	what            string
}

// otmFlow is a dataflow between two components.
type otmFlow struct {
	at                  *yaml.Node
	what                string
	surface             string
	source, destination string
}

func (r *otmReader) readZones(root *fields) {
	for _, n := range r.section(root, "trustZones") {
		f := r.b.fields(n, "trust zone")
		id := f.text("id")
		if id == "" {
			r.b.report(n, "trust zone", "has no id; not imported")
			continue
		}
		z := &otmZone{at: n, id: id, name: cmpOrText(f.text("name"), id),
			generated: r.b.attributes(f).has(attrExposure)}
		z.rating, z.rated = f.sub("risk", quoted("trust zone", id)).number("trustRating")
		if _, dup := r.zones[id]; !dup {
			r.zoneOrder = append(r.zoneOrder, id)
		}
		r.zones[id] = z
	}
}

// parent reads a component's parent in either form OTM documents use:
// {trustZone: id} or {component: id}, or {id: ..., type: trustZone}.
func (r *otmReader) parent(f *fields) otmParentRef {
	p := f.sub("parent", f.what)
	switch {
	case p.has("trustZone"):
		return otmParentRef{zone: p.text("trustZone")}
	case p.has("component"):
		return otmParentRef{component: p.text("component")}
	case p.text("type") == "trustZone":
		return otmParentRef{zone: p.text("id")}
	case p.text("type") == "component":
		return otmParentRef{component: p.text("id")}
	}
	return otmParentRef{}
}

// checkedParent reports a parent trust zone that the document does not
// define: the component then sits in no zone, and no boundary is drawn
// around it. Parent components are checked once all are read.
func (r *otmReader) checkedParent(n *yaml.Node, what string, p otmParentRef) otmParentRef {
	p.at, p.what = n, what
	if p.zone != "" && r.zones[p.zone] == nil {
		r.b.report(n, what, "parent trust zone %q is not in the document; the component "+
			"is imported in no trust zone, so its dataflows mark no trust boundary", p.zone)
	}
	return p
}

// reportDanglingReferences reports parent components and dataflow ends that
// name no component of the document: tms can place no boundary on them.
func (r *otmReader) reportDanglingReferences() {
	for _, id := range slices.Sorted(maps.Keys(r.parents)) {
		p := r.parents[id]
		if p.component != "" && !r.known[p.component] {
			r.b.report(p.at, p.what, "parent component %q is not in the document; the component "+
				"is imported in no trust zone, so its dataflows mark no trust boundary", p.component)
		}
	}
	for _, fl := range r.flows {
		for _, end := range []struct{ name, id string }{
			{"source", fl.source}, {"destination", fl.destination},
		} {
			if !r.known[end.id] {
				r.b.report(fl.at, fl.what, "%s %q is not a component in the document; "+
					"the dataflow is imported as surface but marks no trust boundary", end.name, end.id)
			}
		}
	}
}

// zoneOf follows a component's parents up to its trust zone.
func (r *otmReader) zoneOf(component string) *otmZone {
	seen := map[string]bool{}
	for !seen[component] {
		seen[component] = true
		p := r.parents[component]
		if p.zone != "" {
			return r.zones[p.zone]
		}
		component = p.component
	}
	return nil
}

// readBoundaries turns each dataflow between components in different trust
// zones into a crossing of the boundary between those zones. The boundary
// runs from the less trusted zone, by trust rating, to the more trusted one;
// when the ratings do not say, from the source's zone to the destination's.
func (r *otmReader) readBoundaries() {
	r.reportDanglingReferences()
	for _, fl := range r.flows {
		from, to := r.zoneOf(fl.source), r.zoneOf(fl.destination)
		if from == nil || to == nil || from == to {
			continue
		}
		if from.rated && to.rated && to.rating < from.rating {
			from, to = to, from
		}
		from.crossed, to.crossed = true, true
		r.b.addBoundary(threatmodel.Boundary{
			ID:        from.id + "-to-" + to.id,
			Title:     fmt.Sprintf("%s to %s", from.name, to.name),
			From:      from.name,
			To:        to.name,
			CrossedBy: []string{literal(fl.surface)},
		})
	}

	for _, id := range r.zoneOrder {
		if z := r.zones[id]; !z.generated && !z.crossed {
			r.b.report(z.at, quoted("trust zone", id), "no dataflow crosses into or out of it, "+
				"so it marks no trust boundary; not imported (its components are)")
		}
	}
}
