package engine

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// The classes of surface that reports draw differently. The policy library
// defines them (data.tms.lib.entry_point_kinds and dependency_kinds), so a
// report and the severity model always agree on what accepts traffic.
const (
	ClassEntryPoint = "entry_point" // accepts traffic: its exposure says from where
	ClassDependency = "dependency"  // brings in someone else's code
	ClassOther      = "other"       // a part of the system: an image, a workload
)

// SurfaceRef is one new item of surface as a report shows it: what it is,
// who can reach it, and the component it belongs to.
type SurfaceRef struct {
	ID        string              `json:"id"`
	Kind      string              `json:"kind"`
	Name      string              `json:"name"`
	Exposure  extractors.Exposure `json:"exposure"`
	Class     string              `json:"class"`
	Component string              `json:"component"` // as tms init groups items; "." is the root
	Location  extractors.Location `json:"location"`
	// Boundaries are the trust boundaries of the model whose crossed_by
	// globs match the item: those the model already says it crosses.
	Boundaries []BoundaryRef `json:"boundaries,omitempty"`

	// Change is how new the item is to the model: ChangeNew (not listed),
	// SurfaceUnreviewed (listed unreviewed as it is) or ChangeChanged.
	Change string `json:"change,omitempty"`
}

// BoundaryRef names a trust boundary of the model.
type BoundaryRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// crossings lists the model's boundaries that a crossed_by glob of theirs
// says the item crosses, in the model's order.
func crossings(m *threatmodel.Model, id string) []BoundaryRef {
	if m == nil {
		return nil
	}
	var out []BoundaryRef
	for _, b := range m.Boundaries {
		if slices.ContainsFunc(b.CrossedBy, func(glob string) bool { return matchID(glob, id) }) {
			out = append(out, BoundaryRef{ID: b.ID, Title: b.Title})
		}
	}
	return out
}

// newSurface lists, once each, the items that new-surface findings are
// about, by component, class and id.
func (e *Engine) newSurface(ctx context.Context, findings []Finding, in *Input) ([]SurfaceRef, error) {
	classes, err := e.kindClasses(ctx)
	if err != nil {
		return nil, err
	}
	places := newLayout(in.Surface)
	items := map[string]extractors.Item{}
	for _, it := range in.Surface {
		items[it.ID] = it
	}

	var refs []SurfaceRef
	seen := map[string]bool{}
	for _, f := range findings {
		item, ok := items[f.Surface]
		if !f.NewSurface || !ok || seen[item.ID] {
			continue
		}
		seen[item.ID] = true
		class := classes[item.Kind]
		if class == "" {
			class = ClassOther
		}
		refs = append(refs, SurfaceRef{
			ID: item.ID, Kind: item.Kind, Name: item.Name, Exposure: item.Exposure, Class: class,
			Component: places.componentOf(itemFile(item)), Location: item.Location,
			Boundaries: crossings(in.Model, item.ID),
		})
	}
	sortSurfaceRefs(refs)
	return refs, nil
}

var classOrder = map[string]int{ClassEntryPoint: 0, ClassDependency: 1, ClassOther: 2}

func sortSurfaceRefs(refs []SurfaceRef) {
	sort.Slice(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.Component != b.Component {
			return a.Component < b.Component
		}
		if a.Class != b.Class {
			return classOrder[a.Class] < classOrder[b.Class]
		}
		return a.ID < b.ID
	})
}

// kindSets are the library's sets of kinds by class, read in this order: a
// kind in both is drawn as an entry point, since it accepts traffic.
var kindSets = []struct{ query, class string }{
	{"data.tms.lib.dependency_kinds", ClassDependency},
	{"data.tms.lib.entry_point_kinds", ClassEntryPoint},
}

// kindClasses reads the library's kind sets: kind to class. A policy set
// that leaves a set undefined simply classes none of its kinds.
func (e *Engine) kindClasses(ctx context.Context) (map[string]string, error) {
	classes := map[string]string{}
	for _, set := range kindSets {
		query, class := set.query, set.class
		rs, err := rego.New(rego.Compiler(e.compiler), rego.Store(e.store),
			rego.Query(query)).Eval(ctx)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", query, err)
		}
		if len(rs) == 0 || len(rs[0].Expressions) == 0 {
			continue
		}
		kinds, _ := rs[0].Expressions[0].Value.([]any)
		for _, k := range kinds {
			if s, ok := k.(string); ok {
				classes[s] = class
			}
		}
	}
	return classes, nil
}
