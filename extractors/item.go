package extractors

// Exposure says who can reach a surface item.
type Exposure string

// The exposures an item can have. Unknown is the honest answer when the
// repository does not say; policies treat it as public until a person decides.
const (
	ExposurePublic   Exposure = "public"
	ExposureInternal Exposure = "internal"
	ExposureUnknown  Exposure = "unknown"
)

// Item is one piece of attack surface: an entry point, a deployable, a
// dependency. Its ID is stable across edits that do not change what it is.
type Item struct {
	ID         string         `json:"id"`
	Kind       string         `json:"kind"`
	Name       string         `json:"name"`
	Exposure   Exposure       `json:"exposure"`
	Attributes map[string]any `json:"attributes"`
	Location   Location       `json:"location"`

	// Fingerprint is SecurityFingerprint, filled in by the engine when it
	// builds the policy input; extractors leave it empty.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// Location is the file and 1-based line that an item or a diagnostic comes from.
// Path is relative to the repository root and uses forward slashes.
type Location struct {
	Path string `json:"path"`
	Line int    `json:"line"`
}

// Diagnostic records a file that an extractor could not read completely. It is
// reported to policies rather than dropped, because surface that tms could not
// see is surface nobody has reviewed.
type Diagnostic struct {
	Extractor string   `json:"extractor"`
	Message   string   `json:"message"`
	Location  Location `json:"location"`
}
