package engine

import "github.com/tms-dev/tms/extractors"

// SurfaceUnreviewed is how new a new-surface item is when the model lists
// it, unreviewed and as it is now: tms sync, or a person, recorded it
// without reviewing it. ChangeNew and ChangeChanged, shared with tms diff,
// name an item the model does not list and one that changed.
const SurfaceUnreviewed = "unreviewed"

// markSurfaceChanges sets how new each item is to the model. An item is
// changed, as tms diff counts it, when the model recorded another
// fingerprint, or when the item differs from the base of the change: after
// tms sync the model records the new fingerprint, and only the base still
// shows that the exposure widened.
func markSurfaceChanges(refs []SurfaceRef, in *Input) {
	recorded := map[string]string{} // id to the fingerprint the model recorded
	if in.Model != nil {
		for _, e := range in.Model.Surface {
			if e.Status != "removed" {
				recorded[e.ID] = e.Fingerprint
			}
		}
	}
	before := map[string]string{} // id to the item's fingerprint at the base
	if in.Base != nil {
		for _, it := range in.Base.Surface {
			before[it.ID] = it.SecurityFingerprint()
		}
	}
	now := map[string]extractors.Item{}
	for _, it := range in.Surface {
		now[it.ID] = it
	}

	for i := range refs {
		refs[i].Change = surfaceChange(refs[i].ID, now[refs[i].ID], recorded, before)
	}
}

func surfaceChange(id string, item extractors.Item, recorded, before map[string]string) string {
	fingerprint, listed := recorded[id]
	if !listed {
		return ChangeNew
	}
	current := item.SecurityFingerprint()
	if fingerprint != "" && fingerprint != current {
		return ChangeChanged
	}
	if was, ok := before[id]; ok && was != current {
		return ChangeChanged
	}
	return SurfaceUnreviewed
}
