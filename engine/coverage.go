package engine

import (
	"sort"
	"strings"

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
	ids := sortedIDs(items)
	index := map[string]*Coverage{}
	for _, m := range model.Mitigations {
		for _, id := range matchIDs(m.Covers, ids) {
			entry(index, id).Mitigations = append(entry(index, id).Mitigations, m.ID)
		}
	}
	for _, t := range model.Threats {
		for _, id := range matchIDs(t.AppliesTo, ids) {
			entry(index, id).Threats = append(entry(index, id).Threats, t.ID)
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

func sortedIDs(items []extractors.Item) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	sort.Strings(ids)
	return ids
}

// matchIDs returns the ids that any of the globs match. Only ids that start
// with a glob's literal prefix are tried, found by binary search in the sorted
// ids, which keeps the common globs ("container.port:services/api/**") cheap.
func matchIDs(globs []string, ids []string) []string {
	var out []string
	for _, glob := range globs {
		prefix := literalPrefix(glob)
		i := sort.SearchStrings(ids, prefix)
		for ; i < len(ids) && strings.HasPrefix(ids[i], prefix); i++ {
			if matchID(glob, ids[i]) {
				out = append(out, ids[i])
			}
		}
	}
	return out
}

func literalPrefix(glob string) string {
	if i := strings.IndexAny(glob, `*?[{\`); i >= 0 {
		return glob[:i]
	}
	return glob
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
