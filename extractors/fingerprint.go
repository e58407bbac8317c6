package extractors

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// unreviewedAttributes are left out of the fingerprint. Version numbers
// change with every upgrade, so bumping a dependency or a base image tag
// does not make a reviewed item look like different surface; whether it is
// pinned, hashed or public stays in. lines says where facts are written, and
// a comment added above them moves them without changing what was reviewed.
var unreviewedAttributes = map[string]bool{
	"version": true, "constraint": true, "tag": true, "digest": true, "resolved": true,
	"lines": true,
}

// SecurityFingerprint summarises what about an item matters to its review:
// its kind, exposure and attributes other than version numbers and lines.
// A review or an acceptance recorded with one fingerprint lapses when it
// changes.
func (it Item) SecurityFingerprint() string {
	attrs := make(map[string]any, len(it.Attributes))
	for k, v := range it.Attributes {
		if !unreviewedAttributes[k] {
			attrs[k] = v
		}
	}
	// encoding/json sorts map keys, so equal items give equal bytes.
	data, err := json.Marshal(struct {
		Kind       string         `json:"kind"`
		Exposure   Exposure       `json:"exposure"`
		Attributes map[string]any `json:"attributes"`
	}{it.Kind, it.Exposure, attrs})
	if err != nil {
		// Attributes are JSON by contract; an item that breaks it gets a
		// fingerprint that matches nothing, which lapses any review.
		return "sha256:invalid"
	}
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ReviewedAttribute reports whether an attribute counts in the security
// fingerprint, so that a change to it lapses a review.
func ReviewedAttribute(name string) bool { return !unreviewedAttributes[name] }
