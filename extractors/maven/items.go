package maven

import (
	"cmp"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
)

// builder turns what one pom declares into dependency items.
type builder struct {
	path      string
	pom       *pom
	props     properties
	inherited []declaration // managed versions of parent poms in the repository
	imported  []resolved    // managed versions of BOMs in the repository
}

// resolved is a declaration with its properties expanded.
type resolved struct {
	name       string
	constraint string // the version as written, possibly a ${property}
	version    string // the version with properties expanded
	scope      string // as written, "" when none
	unresolved bool
}

func (b *builder) resolve(d declaration) resolved {
	group, okGroup := b.props.expand(d.group)
	artifact, okArtifact := b.props.expand(d.artifact)
	version, okVersion := b.props.expand(d.version)
	return resolved{
		name:       group + ":" + artifact,
		constraint: d.version,
		version:    version,
		scope:      d.scope,
		unresolved: !okGroup || !okArtifact || !okVersion || d.version == "",
	}
}

// items lists the declared dependencies first, then the managed versions no
// dependency of this pom uses. A dependency without a version or scope takes
// the ones managed for it by this pom, else by the nearest parent pom in the
// repository that manages it, else by a BOM of the repository they import;
// one managed elsewhere stays unresolved. The parents' and BOMs' managed
// versions are their own items, not this pom's.
func (b *builder) items() []extractors.Item {
	managed := map[string]resolved{}
	for _, d := range slices.Concat(b.pom.managed, b.inherited) {
		r := b.resolve(d)
		if _, ok := managed[r.name]; !ok {
			managed[r.name] = r
		}
	}
	for _, r := range b.imported {
		if _, ok := managed[r.name]; !ok {
			managed[r.name] = r
		}
	}

	var items []extractors.Item
	for _, d := range b.pom.dependencies {
		r := b.resolve(d)
		if m, ok := managed[r.name]; ok {
			r = applyManaged(r, m)
		}
		d.scope = r.scope
		items = append(items, b.item(d, r, false))
	}
	for _, d := range b.pom.managed {
		items = append(items, b.item(d, b.resolve(d), true))
	}
	return items
}

// applyManaged fills what a dependency leaves out from its managed entry.
// The import scope belongs to the BOM entry itself, never to a dependency.
func applyManaged(r, m resolved) resolved {
	if r.constraint == "" {
		r.constraint, r.version, r.unresolved = m.constraint, m.version, m.unresolved
	}
	if r.scope == "" && m.scope != "import" {
		r.scope = m.scope
	}
	return r
}

// parent describes the pom this one inherits from, fetched from a
// repository of artifacts.
func (b *builder) parent(d declaration) extractors.Item {
	d.scope = "parent"
	return b.item(d, b.resolve(d), false)
}

func (b *builder) item(d declaration, r resolved, managed bool) extractors.Item {
	version := r.version
	if r.unresolved || !isVersion(version) {
		version = ""
	}
	source, pinned := "registry", version != "" && !isSnapshot(version)
	if d.systemPath != "" {
		source, pinned = "path", b.insideRepository(d.systemPath)
	}
	attrs := map[string]any{
		"ecosystem":  "maven",
		"name":       r.name,
		"version":    version,
		"constraint": r.constraint,
		"direct":     true,
		"scope":      cmp.Or(d.scope, "compile"),
		"source":     source,
		"pinned":     pinned,
		"hash":       false,
		"locked":     false,
		"managed":    managed,
		"unresolved": r.unresolved,
	}
	return extractors.Item{
		ID:         "dependency:" + b.path + "#" + r.name,
		Kind:       "dependency",
		Name:       r.name,
		Exposure:   extractors.ExposureInternal,
		Attributes: attrs,
		Location:   extractors.Location{Path: b.path, Line: d.line},
	}
}

// insideRepository reports whether a system dependency's jar lies in the
// repository, whose commit then fixes its content. Paths are written from
// ${project.basedir} or ${basedir}; any other property could point anywhere.
func (b *builder) insideRepository(systemPath string) bool {
	rest, ok := strings.CutPrefix(systemPath, "${project.basedir}")
	if !ok {
		rest, ok = strings.CutPrefix(systemPath, "${basedir}")
	}
	if !ok || strings.Contains(rest, "${") {
		return false
	}
	return depset.InsideRepository(path.Dir(b.path), "."+rest)
}

// plainVersion is a version Maven resolves to itself: no range, no keyword,
// nothing left to expand.
var plainVersion = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._+-]*$`)

// isVersion reports whether v names one version rather than a range or the
// LATEST and RELEASE keywords, which pick whatever is newest at build time.
func isVersion(v string) bool {
	return plainVersion.MatchString(v) && v != "LATEST" && v != "RELEASE"
}

// isSnapshot reports whether v is a snapshot, which the repository may
// replace with a newer build under the same version.
func isSnapshot(v string) bool {
	return strings.HasSuffix(strings.ToUpper(v), "-SNAPSHOT")
}
