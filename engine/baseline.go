package engine

import (
	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// Baseline builds a first model from a scan: every item acknowledged as
// unreviewed, no threats, mitigations or acceptances. It never marks anything
// reviewed; that is for a person.
func Baseline(scan *Scan) *threatmodel.Model {
	m := &threatmodel.Model{
		Version:     threatmodel.Version,
		Surface:     make([]threatmodel.SurfaceEntry, 0, len(scan.Items)),
		Threats:     []threatmodel.Threat{},
		Mitigations: []threatmodel.Mitigation{},
		Acceptances: []threatmodel.Acceptance{},
	}
	for _, item := range scan.Items {
		m.Surface = append(m.Surface, NewSurfaceEntry(item))
	}
	return m
}

// NewSurfaceEntry acknowledges an item as unreviewed, recording its exposure
// and fingerprint so that a later change to it shows.
func NewSurfaceEntry(item extractors.Item) threatmodel.SurfaceEntry {
	return threatmodel.SurfaceEntry{
		ID:          item.ID,
		Kind:        item.Kind,
		Status:      "unreviewed",
		Exposure:    string(item.Exposure),
		Fingerprint: item.SecurityFingerprint(),
	}
}
