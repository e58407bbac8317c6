package maven

import (
	"slices"

	"github.com/tms-dev/tms/extractors"
)

// importedVersions returns the managed versions of the BOMs that a pom and
// its parents import (<scope>import</scope> in dependencyManagement) when
// the BOM is a pom of the repository: one of the project's own groupId
// that is a module of the pom or of one of its parents there, which is how
// a build keeps its own BOM. Other BOMs (spring-boot-dependencies) are not
// looked for, so that a build of many modules is not read once per
// module. Each BOM's versions are expanded with its own properties, as
// Maven imports them from the BOM's model; BOMs that the BOM imports in
// turn are not followed.
func importedVersions(repo extractors.Repo, b *builder, self located, chain []located) []resolved {
	poms := append([]located{self}, chain...)
	modules := moduleFinder{repo: repo, poms: poms, read: map[string]*pom{}}

	var versions []resolved
	for _, d := range slices.Concat(self.pom.managed, b.inherited) {
		if d.scope != "import" {
			continue
		}
		group, okGroup := b.props.expand(d.group)
		artifact, okArtifact := b.props.expand(d.artifact)
		if !okGroup || !okArtifact || group != b.props["project.groupId"] {
			continue
		}
		if bom, ok := modules.find(group, artifact); ok {
			versions = append(versions, bomVersions(repo, bom)...)
		}
	}
	return versions
}

// bomVersions resolves a BOM's managed versions, those it inherits from
// its own parents in the repository included.
func bomVersions(repo extractors.Repo, bom located) []resolved {
	in := inherit(repo, bom.path, bom.pom)
	b := builder{path: bom.path, pom: bom.pom, props: newProperties(bom.pom, in.properties)}
	var versions []resolved
	for _, d := range slices.Concat(bom.pom.managed, in.managed) {
		if d.scope != "import" {
			versions = append(versions, b.resolve(d))
		}
	}
	return versions
}

// moduleFinder looks for a pom by its coordinates among the modules of a
// chain of poms, reading each module's pom at most once.
type moduleFinder struct {
	repo extractors.Repo
	poms []located
	read map[string]*pom // by path; nil for a module that cannot be read
}

func (m *moduleFinder) find(group, artifact string) (located, bool) {
	for _, owner := range m.poms {
		for _, module := range owner.pom.modules {
			p, ok := pomPath(owner.path, module)
			if !ok {
				continue
			}
			found, seen := m.read[p]
			if !seen {
				found = readPom(m.repo, p)
				m.read[p] = found
			}
			if found != nil && found.is(group, artifact) {
				return located{p, found}, true
			}
		}
	}
	return located{}, false
}
