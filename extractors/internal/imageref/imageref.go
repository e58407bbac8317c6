package imageref

import (
	"strings"

	"github.com/distribution/reference"
)

// Ref is an image reference split into the parts policies ask about.
type Ref struct {
	// Name is the repository in its familiar form: "nginx", not
	// "docker.io/library/nginx".
	Name string
	// Tag is as written; empty when none was, and the runtime then pulls
	// "latest".
	Tag    string
	Digest string
	// Unresolved is set when the reference holds a variable (${TAG},
	// $(TAG), {{ .Values.tag }}) that only the deploy tool fills in.
	Unresolved bool
}

// Pinned reports whether the reference names one image for good: only a
// digest does, since a tag can be pushed again.
func (r Ref) Pinned() bool { return r.Digest != "" && !r.Unresolved }

// Parse reads a reference. An invalid one keeps its text as the name, with
// no tag and no digest, so it is never taken for pinned.
func Parse(raw string) Ref {
	raw = strings.TrimSpace(raw)
	if strings.Contains(raw, "$") || strings.Contains(raw, "{{") {
		return templated(raw)
	}

	named, err := reference.ParseNormalizedNamed(raw)
	if err != nil {
		return Ref{Name: raw}
	}
	ref := Ref{Name: reference.FamiliarName(named)}
	if t, ok := named.(reference.Tagged); ok {
		ref.Tag = t.Tag()
	}
	if d, ok := named.(reference.Digested); ok {
		ref.Digest = d.Digest().String()
	}
	return ref
}

// templated splits a reference holding a variable by its separators alone:
// the digest after "@", the tag after a ":" that follows the last "/" (an
// earlier ":" separates a registry's port).
func templated(raw string) Ref {
	ref := Ref{Name: raw, Unresolved: true}
	name, digest, hasDigest := strings.Cut(raw, "@")
	if hasDigest {
		ref.Digest = digest
	}
	if i := strings.LastIndexByte(name, ':'); i > strings.LastIndexByte(name, '/') {
		name, ref.Tag = name[:i], name[i+1:]
	}
	ref.Name = name
	return ref
}
