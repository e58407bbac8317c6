package maven

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// maxExpansions bounds the chain of properties defined by other properties,
// which also stops a property that refers to itself.
const maxExpansions = 16

// properties resolves ${name} references the way Maven would from this pom
// and its parent poms in the repository: the <properties> of each, the
// nearest winning, and the project's coordinates, falling back to the
// parent's where the project inherits them.
type properties map[string]string

// newProperties merges p's properties over those it inherits, given nearest
// parent first. Maven expands a parent's ${...} only once merged, so a
// parent's managed version sees the child's properties and coordinates.
func newProperties(p *pom, inherited []map[string]string) properties {
	props := properties{}
	for _, parentProps := range slices.Backward(inherited) {
		maps.Copy(props, parentProps)
	}
	maps.Copy(props, p.properties)
	group, version := p.group, p.version
	if p.parent != nil {
		for _, prefix := range []string{"project.parent.", "parent."} {
			props[prefix+"groupId"] = p.parent.group
			props[prefix+"artifactId"] = p.parent.artifact
			props[prefix+"version"] = p.parent.version
		}
		group = cmp.Or(group, p.parent.group)
		version = cmp.Or(version, p.parent.version)
	}
	for _, prefix := range []string{"project.", "pom.", ""} {
		props[prefix+"groupId"] = group
		props[prefix+"artifactId"] = p.artifact
		props[prefix+"version"] = version
	}
	for k, v := range props {
		if v == "" {
			delete(props, k)
		}
	}
	return props
}

// expand replaces every ${name} in s. When one cannot be resolved, s is
// returned as written and ok is false: a half-resolved value would be a
// version nobody wrote.
func (props properties) expand(s string) (string, bool) {
	out := s
	for range maxExpansions {
		start := strings.Index(out, "${")
		if start < 0 {
			return out, true
		}
		end := strings.IndexByte(out[start:], '}')
		if end < 0 {
			return s, false
		}
		value, ok := props[out[start+2:start+end]]
		if !ok {
			return s, false
		}
		out = out[:start] + value + out[start+end+1:]
	}
	if strings.Contains(out, "${") {
		return s, false
	}
	return out, true
}
