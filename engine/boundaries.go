package engine

import (
	"sort"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// boundaries derives the trust boundaries the surface implies: public or
// unknown entry points cross from the internet into their component, third
// party code crosses into the component that uses it, a component reaches
// its data stores, CI reaches the cloud. One boundary per pair of sides.
func (b *baseliner) boundaries() []threatmodel.Boundary {
	byID := map[string]*threatmodel.Boundary{}
	for _, comp := range b.order {
		for _, c := range b.t.Classes {
			if c.BoundaryFrom == "" {
				continue
			}
			crossing := crossingItems(c, b.byCls[comp][c.Name])
			if len(crossing) == 0 {
				continue
			}
			from := b.side(c.BoundaryFrom, comp)
			to := b.side(c.BoundaryTo, comp)
			id := slug(from) + "-to-" + slug(to)
			bd, ok := byID[id]
			if !ok {
				bd = &threatmodel.Boundary{ID: id, Title: from + " to " + to, From: from, To: to}
				byID[id] = bd
			}
			bd.CrossedBy = append(bd.CrossedBy, b.crossingGlobs(c, comp, crossing)...)
		}
	}
	return sortedBoundaries(byID)
}

// side is a boundary's end: a component id, or a template's party.
func (b *baseliner) side(template, comp string) string {
	if template == "" {
		return b.id(comp)
	}
	return strings.ReplaceAll(template, "{component}", b.id(comp))
}

// crossingItems keeps the entry points a stranger can reach; for other
// classes every item crosses.
func crossingItems(c Class, items []extractors.Item) []extractors.Item {
	if c.Name != "entry" {
		return items
	}
	var out []extractors.Item
	for _, it := range items {
		if it.Exposure != extractors.ExposureInternal {
			out = append(out, it)
		}
	}
	return out
}

// crossingGlobs names entry points one by one, since exposure differs item
// by item, and other classes as their threats do.
func (b *baseliner) crossingGlobs(c Class, comp string, items []extractors.Item) []string {
	if c.Name == "entry" {
		return ids(items)
	}
	return b.classGlobs(c, comp, items)
}

func sortedBoundaries(byID map[string]*threatmodel.Boundary) []threatmodel.Boundary {
	out := make([]threatmodel.Boundary, 0, len(byID))
	for _, bd := range byID {
		sort.Strings(bd.CrossedBy)
		out = append(out, *bd)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
