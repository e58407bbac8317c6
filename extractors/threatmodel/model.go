package threatmodel

import "github.com/tms-dev/tms/extractors"

// Version is the model file format this package reads and writes.
const Version = 1

// Model is a repository's threat model: what people have acknowledged of its
// surface, the threats to it, the mitigations that answer them, and the risks
// accepted with a named approver and an expiry date.
//
// Each entry's Location is where Load found it; Write ignores it. Write, not
// a YAML or JSON encoder, produces the file format.
type Model struct {
	Version     int            `json:"version" yaml:"version"`
	Components  []Component    `json:"components" yaml:"components"`
	Boundaries  []Boundary     `json:"boundaries" yaml:"boundaries"`
	Surface     []SurfaceEntry `json:"surface" yaml:"surface"`
	Threats     []Threat       `json:"threats" yaml:"threats"`
	Mitigations []Mitigation   `json:"mitigations" yaml:"mitigations"`
	Acceptances []Acceptance   `json:"acceptances" yaml:"acceptances"`
}

// Component is a part of the system that is deployed or reasoned about as a
// unit, such as a service directory, and the surface that belongs to it.
type Component struct {
	ID       string              `json:"id" yaml:"id"`
	Title    string              `json:"title" yaml:"title"`
	Surface  []string            `json:"surface" yaml:"surface"` // surface-id globs
	Location extractors.Location `json:"location" yaml:"-"`
}

// Boundary is a trust boundary: where data or control passes between parties
// that trust each other differently, and the surface that crosses it.
type Boundary struct {
	ID        string              `json:"id" yaml:"id"`
	Title     string              `json:"title" yaml:"title"`
	From      string              `json:"from" yaml:"from"`             // e.g. internet, or a component id
	To        string              `json:"to" yaml:"to"`                 // a component id, or e.g. data store
	CrossedBy []string            `json:"crossed_by" yaml:"crossed_by"` // surface-id globs
	Location  extractors.Location `json:"location" yaml:"-"`
}

// SurfaceEntry acknowledges one surface item by its id.
type SurfaceEntry struct {
	ID         string `json:"id" yaml:"id"`
	Kind       string `json:"kind" yaml:"kind"`
	Status     string `json:"status" yaml:"status"` // unreviewed, reviewed, removed
	ReviewedBy string `json:"reviewed_by,omitempty" yaml:"reviewed_by,omitempty"`
	// Exposure and Fingerprint record the item as it was when tms last wrote
	// this entry, so a later change to it can be shown and re-reviewed.
	Exposure    string              `json:"exposure,omitempty" yaml:"exposure,omitempty"`
	Fingerprint string              `json:"fingerprint,omitempty" yaml:"fingerprint,omitempty"`
	Location    extractors.Location `json:"location" yaml:"-"`
}

// Threat is something that can go wrong, tagged with STRIDE categories.
type Threat struct {
	ID          string              `json:"id" yaml:"id"`
	Title       string              `json:"title" yaml:"title"`
	Description string              `json:"description,omitempty" yaml:"description,omitempty"`
	Stride      []string            `json:"stride" yaml:"stride"`
	Severity    string              `json:"severity" yaml:"severity"`
	AppliesTo   []string            `json:"applies_to" yaml:"applies_to"` // surface-id globs
	Status      string              `json:"status" yaml:"status"`         // unreviewed, reviewed
	ReviewedBy  string              `json:"reviewed_by,omitempty" yaml:"reviewed_by,omitempty"`
	Location    extractors.Location `json:"location" yaml:"-"`
}

// Mitigation is a control that answers threats on the surface it covers.
type Mitigation struct {
	ID        string   `json:"id" yaml:"id"`
	Title     string   `json:"title" yaml:"title"`
	Mitigates []string `json:"mitigates" yaml:"mitigates"` // threat ids
	Covers    []string `json:"covers" yaml:"covers"`       // surface-id globs
	Evidence  []string `json:"evidence" yaml:"evidence"`   // repository path globs
	Status    string   `json:"status" yaml:"status"`       // proposed/planned/implemented
	// Control names the kind of control the mitigation is, when it is one
	// that tms can check on the surface it covers (see mitigationControls):
	// the policies then report it unverified where the surface says otherwise.
	Control  string              `json:"control,omitempty" yaml:"control,omitempty"`
	Location extractors.Location `json:"location" yaml:"-"`
}

// Acceptance records a person's decision to live with a threat or a surface
// item until a date.
type Acceptance struct {
	ID         string `json:"id" yaml:"id"`
	Threat     string `json:"threat,omitempty" yaml:"threat,omitempty"`
	Surface    string `json:"surface,omitempty" yaml:"surface,omitempty"`
	Reason     string `json:"reason" yaml:"reason"`
	ApprovedBy string `json:"approved_by" yaml:"approved_by"`
	Expires    string `json:"expires" yaml:"expires"` // YYYY-MM-DD
	// Fingerprint binds a surface acceptance to the item as it was accepted:
	// when the item's security fingerprint changes, the acceptance lapses.
	Fingerprint string              `json:"fingerprint,omitempty" yaml:"fingerprint,omitempty"`
	Location    extractors.Location `json:"location" yaml:"-"`
}

// New returns an empty model of the current version, with empty rather than
// nil lists so that it serialises as [] for policies.
func New() *Model {
	return &Model{
		Version:     Version,
		Components:  []Component{},
		Boundaries:  []Boundary{},
		Surface:     []SurfaceEntry{},
		Threats:     []Threat{},
		Mitigations: []Mitigation{},
		Acceptances: []Acceptance{},
	}
}
