package engine

import (
	"sort"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// Coverage says, for one surface item, which model entries name it through
// their globs: the mitigations whose covers match its id and the threats
// whose applies_to do.
type Coverage struct {
	Mitigations []string `json:"mitigations"`
	Threats     []string `json:"threats"`
}

// coverageIndex resolves the model's surface-id globs against the surface
// once, in Go, so that rules look coverage up by id instead of matching every
// glob against every item in Rego. Items nothing names are left out.
func coverageIndex(model *threatmodel.Model, items []extractors.Item) map[string]*Coverage {
	ids := newIDIndex(itemIDs(items))
	index := map[string]*Coverage{}
	for _, m := range model.Mitigations {
		for _, glob := range m.Covers {
			for _, id := range ids.match(glob) {
				c := entry(index, id)
				c.Mitigations = append(c.Mitigations, m.ID)
			}
		}
	}
	for _, t := range model.Threats {
		for _, glob := range t.AppliesTo {
			for _, id := range ids.match(glob) {
				c := entry(index, id)
				c.Threats = append(c.Threats, t.ID)
			}
		}
	}

	for _, c := range index {
		c.Mitigations = sortedUnique(c.Mitigations)
		c.Threats = sortedUnique(c.Threats)
	}
	return index
}

func entry(index map[string]*Coverage, id string) *Coverage {
	c, ok := index[id]
	if !ok {
		c = &Coverage{Mitigations: []string{}, Threats: []string{}}
		index[id] = c
	}
	return c
}

func itemIDs(items []extractors.Item) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	return ids
}

func sortedUnique(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
