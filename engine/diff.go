package engine

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// The ways a surface item can differ from its entry in the model.
const (
	ChangeNew      = "new"      // in the repository, not in the model
	ChangeChanged  = "changed"  // fingerprint differs from the one recorded
	ChangeReturned = "returned" // marked removed, back in the repository
	ChangeGone     = "gone"     // in the model, not in the repository
	ChangeUnbound  = "unbound"  // reviewed without a fingerprint, so no change can show
)

// SurfaceChange is one difference between the repository and the model.
type SurfaceChange struct {
	Change   string              `json:"change"`
	ID       string              `json:"id"`
	Kind     string              `json:"kind"`
	Detail   string              `json:"detail,omitempty"`
	Location extractors.Location `json:"location"`

	item     *extractors.Item // the item as it is now; nil when gone
	recorded string           // the fingerprint the model recorded, for a changed item
	status   string           // the entry's status in the model; empty for a new item
}

// MissingEvidence is an implemented mitigation's evidence that matches no file.
type MissingEvidence struct {
	Mitigation string              `json:"mitigation"`
	Evidence   string              `json:"evidence"`
	Location   extractors.Location `json:"location"`
}

// Diff is what changed between the repository and its threat model.
type Diff struct {
	Surface  []SurfaceChange   `json:"surface"`
	Evidence []MissingEvidence `json:"evidence"`
}

// Empty reports whether the model is up to date with the repository.
func (d Diff) Empty() bool { return len(d.Surface) == 0 && len(d.Evidence) == 0 }

// DiffModel compares the input's surface with its model. It reads the input
// only; nothing is written.
func DiffModel(in *Input) Diff {
	d := Diff{Surface: []SurfaceChange{}, Evidence: missingEvidence(in)}
	entries := map[string]threatmodel.SurfaceEntry{}
	for _, e := range in.Model.Surface {
		entries[e.ID] = e
	}
	present := map[string]bool{}
	for i := range in.Surface {
		item := &in.Surface[i]
		present[item.ID] = true
		if c, ok := compareItem(item, entries); ok {
			d.Surface = append(d.Surface, c)
		}
	}
	for _, e := range in.Model.Surface {
		if !present[e.ID] && e.Status != "removed" {
			d.Surface = append(d.Surface, SurfaceChange{
				Change: ChangeGone, ID: e.ID, Kind: e.Kind, Location: e.Location,
			})
		}
	}
	sort.Slice(d.Surface, func(i, j int) bool { return d.Surface[i].ID < d.Surface[j].ID })
	return d
}

func compareItem(item *extractors.Item, entries map[string]threatmodel.SurfaceEntry) (SurfaceChange, bool) {
	c := SurfaceChange{ID: item.ID, Kind: item.Kind, Location: item.Location, item: item}
	entry, ok := entries[item.ID]
	c.status = entry.Status
	switch {
	case !ok:
		c.Change = ChangeNew
	case entry.Status == "removed":
		c.Change = ChangeReturned
	case entry.Fingerprint != "" && entry.Fingerprint != item.SecurityFingerprint():
		c.Change, c.Detail, c.recorded = ChangeChanged, changeDetail(entry, item), entry.Fingerprint
	case entry.Fingerprint == "" && entry.Status == "reviewed":
		// tms sync never fills this in: recording today's fingerprint would
		// approve the item as it is now, which only a person may do.
		c.Change = ChangeUnbound
		c.Detail = fmt.Sprintf("reviewed without a fingerprint; the item now has exposure: %s, "+
			"fingerprint: %s", item.Exposure, item.SecurityFingerprint())
	default:
		return c, false
	}
	return c, true
}

func changeDetail(entry threatmodel.SurfaceEntry, item *extractors.Item) string {
	if entry.Exposure != "" && entry.Exposure != string(item.Exposure) {
		return fmt.Sprintf("exposure %s to %s", entry.Exposure, item.Exposure)
	}
	return "attributes changed since the model recorded it"
}

func missingEvidence(in *Input) []MissingEvidence {
	out := []MissingEvidence{}
	for _, m := range in.Model.Mitigations {
		if m.Status != "implemented" {
			continue
		}
		for _, pattern := range m.Evidence {
			if len(in.Repo.Evidence[pattern]) == 0 {
				out = append(out, MissingEvidence{Mitigation: m.ID, Evidence: pattern, Location: m.Location})
			}
		}
	}
	return out
}

// SyncChanges turns the surface differences into model edits: new surface is
// added as unreviewed, changed or returning surface goes back to unreviewed
// with its new fingerprint, and vanished surface is marked removed. Nothing
// is ever marked reviewed, mitigated or accepted.
func (d Diff) SyncChanges() threatmodel.Changes {
	c := threatmodel.Changes{UpdateSurface: map[string]threatmodel.SurfaceUpdate{}}
	for _, s := range d.Surface {
		switch s.Change {
		case ChangeNew:
			c.AddSurface = append(c.AddSurface, NewSurfaceEntry(*s.item))
		case ChangeChanged, ChangeReturned:
			c.UpdateSurface[s.ID] = threatmodel.SurfaceUpdate{
				Status:      "unreviewed",
				Exposure:    string(s.item.Exposure),
				Fingerprint: s.item.SecurityFingerprint(),
			}
		case ChangeGone:
			c.UpdateSurface[s.ID] = threatmodel.SurfaceUpdate{Status: "removed"}
		}
	}
	return c
}

// Rerecorded counts the changed entries that sync records with a new
// fingerprint although they are unreviewed already: sync sets nothing back
// for them, so they are not counted with the entries it sets back.
func (d Diff) Rerecorded() int {
	return d.count(func(s SurfaceChange) bool {
		return s.Change == ChangeChanged && s.status == "unreviewed"
	})
}

func (d Diff) count(keep func(SurfaceChange) bool) int {
	n := 0
	for _, s := range d.Surface {
		if keep(s) {
			n++
		}
	}
	return n
}

// WriteDiff prints a diff for a person, one line per difference.
func WriteDiff(w io.Writer, d Diff) error {
	var b strings.Builder
	for _, s := range d.Surface {
		fmt.Fprintf(&b, "%-9s %s  %s", s.Change, s.ID, formatLoc(s.Location))
		if s.Detail != "" {
			fmt.Fprintf(&b, "  (%s)", s.Detail)
		}
		b.WriteString("\n")
	}
	for _, e := range d.Evidence {
		fmt.Fprintf(&b, "%-9s %s: %q matches no file  %s\n", "evidence", e.Mitigation, e.Evidence,
			formatLoc(e.Location))
	}
	unbound := d.count(func(s SurfaceChange) bool { return s.Change == ChangeUnbound })
	switch {
	case d.Empty():
		b.WriteString("the threat model is up to date with the repository\n")
	case len(d.Surface) > unbound || len(d.Evidence) > 0:
		fmt.Fprintf(&b, "%d surface changes, %d missing evidence; tms sync records the surface changes\n",
			len(d.Surface)-unbound, len(d.Evidence))
	}
	if unbound > 0 {
		fmt.Fprintf(&b, "%d reviewed entries have no fingerprint, so a change to their item would "+
			"go unnoticed: check each item, then copy its exposure and fingerprint into the entry\n", unbound)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func formatLoc(l extractors.Location) string {
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d", l.Path, l.Line)
	}
	return l.Path
}
