package engine

import (
	"slices"
	"sort"
	"strings"
)

// idIndex finds the surface ids a model glob matches while trying the glob on
// as few ids as it can, so that resolving a model of thousands of globs
// against thousands of items stays close to linear:
//
//   - a glob that opens with a literal ("container.port:services/api/**") is
//     tried only on the ids that share that literal, found by binary search;
//   - a glob that leaves the kind open ("*:services/api/**") is tried only on
//     the ids where what follows a colon shares the literal after the glob's
//     colon, found the same way in a second sorted list;
//   - any other glob ("**/Dockerfile#**") is tried on every id.
//
// Each distinct glob is resolved once, however many entries repeat it.
type idIndex struct {
	ids     []string // sorted, without duplicates
	tails   []idTail // sorted by tail
	matched map[string][]string
}

// idTail is the part of an id after one of its colons that has no slash
// before it. A kind wildcard such as "*" cannot cross a slash, so the colon it
// is followed by in the glob is one of these.
type idTail struct {
	tail string
	id   int // position in idIndex.ids
}

func newIDIndex(ids []string) *idIndex {
	x := &idIndex{ids: sortedUnique(slices.Clone(ids)), matched: map[string][]string{}}
	for i, id := range x.ids {
		for p := 0; p < len(id) && id[p] != '/'; p++ {
			if id[p] == ':' {
				x.tails = append(x.tails, idTail{tail: id[p+1:], id: i})
			}
		}
	}
	slices.SortFunc(x.tails, func(a, b idTail) int { return strings.Compare(a.tail, b.tail) })
	return x
}

// match returns the ids glob matches, sorted.
func (x *idIndex) match(glob string) []string {
	if ids, ok := x.matched[glob]; ok {
		return ids
	}

	var ids []string
	for _, i := range x.candidates(glob) {
		if matchID(glob, x.ids[i]) {
			ids = append(ids, x.ids[i])
		}
	}
	x.matched[glob] = ids
	return ids
}

// candidates returns, in order, the positions of the ids that glob may
// match; every id it matches is among them.
func (x *idIndex) candidates(glob string) []int {
	if prefix := literalPrefix(glob); prefix != "" {
		return x.withPrefix(prefix)
	}

	if rest, ok := afterKindWildcard(glob); ok {
		if prefix := literalPrefix(rest); prefix != "" {
			return x.withTailPrefix(prefix)
		}
	}

	all := make([]int, len(x.ids))
	for i := range all {
		all[i] = i
	}
	return all
}

func (x *idIndex) withPrefix(prefix string) []int {
	var out []int
	i := sort.SearchStrings(x.ids, prefix)
	for ; i < len(x.ids) && strings.HasPrefix(x.ids[i], prefix); i++ {
		out = append(out, i)
	}
	return out
}

// withTailPrefix returns the ids with a tail that starts with prefix. An id
// with two such tails is listed once.
func (x *idIndex) withTailPrefix(prefix string) []int {
	var out []int
	i := sort.Search(len(x.tails), func(i int) bool { return x.tails[i].tail >= prefix })
	for ; i < len(x.tails) && strings.HasPrefix(x.tails[i].tail, prefix); i++ {
		out = append(out, x.tails[i].id)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// afterKindWildcard returns what follows the first colon of glob when what
// precedes it can match only text without a slash: literals, "*" and "?".
// Classes, braces and escapes could hide a slash or a colon, and "**" crosses
// slashes, so a glob with any of them before its colon is not split.
func afterKindWildcard(glob string) (string, bool) {
	head, rest, found := strings.Cut(glob, ":")
	if !found || strings.ContainsAny(head, `/[]{}\`) || strings.Contains(head, "**") {
		return "", false
	}
	return rest, true
}

// literalPrefix is the part of glob before its first wildcard, class, brace
// or escape: every id the glob matches starts with it.
func literalPrefix(glob string) string {
	if i := strings.IndexAny(glob, `*?[{\`); i >= 0 {
		return glob[:i]
	}
	return glob
}
