package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// ErrGlobMatchesNothing is returned when a surface glob in the model matches
// no item, found now or recorded in the model: almost always a typo, which
// would otherwise leave a threat applying to nothing or a mitigation covering
// nothing, silently.
var ErrGlobMatchesNothing = errors.New("a glob in the threat model matches nothing")

// onlyWildcards reports whether a glob names nothing in particular, such as
// "*" or "**": it is meant to match whatever there is, even nothing.
func onlyWildcards(glob string) bool {
	return strings.Trim(glob, "*?") == ""
}

// checkGlobs tries each surface-id glob of the model against the ids of the
// surface found and of the model's own surface entries, removed ones
// included, so that a glob written for surface that has since gone still
// counts.
func checkGlobs(m *threatmodel.Model, items []extractors.Item) error {
	ids := itemIDs(items)
	for _, e := range m.Surface {
		ids = append(ids, e.ID)
	}
	known := newIDIndex(ids)

	var problems []string
	check := func(loc extractors.Location, field string, globs []string) {
		for _, g := range globs {
			if onlyWildcards(g) || len(known.match(g)) != 0 {
				continue
			}
			problems = append(problems, fmt.Sprintf("%s:%d: %s: %q matches no surface item "+
				"in the repository or the model (tms input lists the ids)", loc.Path, loc.Line, field, g))
		}
	}
	for _, t := range m.Threats {
		check(t.Location, "threat "+t.ID+" applies_to", t.AppliesTo)
	}
	for _, mit := range m.Mitigations {
		check(mit.Location, "mitigation "+mit.ID+" covers", mit.Covers)
	}
	for _, c := range m.Components {
		check(c.Location, "component "+c.ID+" surface", c.Surface)
	}
	for _, b := range m.Boundaries {
		check(b.Location, "boundary "+b.ID+" crossed_by", b.CrossedBy)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w:\n%s", ErrGlobMatchesNothing, strings.Join(problems, "\n"))
	}
	return nil
}
