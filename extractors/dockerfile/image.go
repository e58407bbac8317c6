package dockerfile

import (
	"strings"

	"github.com/distribution/reference"
)

// imageRef is a FROM image split into the parts policies ask about.
type imageRef struct {
	name       string // familiar repository name, e.g. "golang" or "ghcr.io/org/app"
	tag        string // as written; empty when none was (Docker then pulls "latest")
	digest     string
	unresolved bool // the reference uses a build argument tms cannot know
}

// parseImage reads an image reference. Build arguments are never guessed: a
// reference that uses one keeps its raw text and is marked unresolved. A
// literal repository before a variable tag or digest is still named, since
// the variable there chooses a version of that repository, not another one.
func parseImage(raw string) imageRef {
	if strings.Contains(raw, "$") {
		return parseTemplated(raw)
	}

	named, err := reference.ParseNormalizedNamed(raw)
	if err != nil {
		return imageRef{name: raw}
	}

	ref := imageRef{name: reference.FamiliarName(named)}
	if t, ok := named.(reference.Tagged); ok {
		ref.tag = t.Tag()
	}
	if d, ok := named.(reference.Digested); ok {
		ref.digest = d.Digest().String()
	}
	return ref
}

func parseTemplated(raw string) imageRef {
	ref := imageRef{name: raw, unresolved: true}
	name, rest, sep := splitRepository(raw)
	if strings.Contains(name, "$") {
		return ref
	}
	named, err := reference.ParseNormalizedNamed(name)
	if err != nil {
		return ref
	}

	ref.name = reference.FamiliarName(named)
	tag, digest, _ := strings.Cut(rest, "@")
	if sep == '@' {
		tag, digest = "", rest
	}
	ref.tag, ref.digest = tag, digest
	return ref
}

// splitRepository cuts raw before its tag or digest: at the first "@", or
// else at a ":" after the last "/" (an earlier one separates a registry
// port). sep is the byte it cut at, 0 when there was nothing to cut.
func splitRepository(raw string) (name, rest string, sep byte) {
	if i := strings.IndexByte(raw, '@'); i >= 0 {
		name, rest, sep = raw[:i], raw[i+1:], '@'
		if j := strings.LastIndexByte(name, ':'); j > strings.LastIndexByte(name, '/') {
			return name[:j], name[j+1:] + "@" + rest, ':'
		}
		return name, rest, sep
	}
	if j := strings.LastIndexByte(raw, ':'); j > strings.LastIndexByte(raw, '/') {
		return raw[:j], raw[j+1:], ':'
	}
	return raw, "", 0
}
