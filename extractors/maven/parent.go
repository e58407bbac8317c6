package maven

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// maxAncestors bounds the chain of parent poms followed in the repository;
// real chains are a few levels deep.
const maxAncestors = 16

// inheritance is what a pom takes from its parent poms in the repository:
// their properties and managed versions, nearest parent first. local is
// whether the direct parent is one of them; chain lists them.
type inheritance struct {
	local      bool
	properties []map[string]string
	managed    []declaration
	chain      []located
}

// located is a pom of the repository and its path.
type located struct {
	path string
	pom  *pom
}

// inherit follows the parent chain as long as each parent is a pom of the
// repository, the way Maven finds it. A chain that comes back to a pom it
// has visited stops there.
func inherit(repo extractors.Repo, child string, p *pom) inheritance {
	var in inheritance
	visited := map[string]bool{child: true}
	for range maxAncestors {
		if p.parent == nil {
			break
		}
		parentPath, found := localParent(repo, child, *p.parent)
		if found == nil || visited[parentPath] {
			break
		}
		in.local = in.local || len(visited) == 1
		in.properties = append(in.properties, found.properties)
		in.managed = append(in.managed, found.managed...)
		in.chain = append(in.chain, located{parentPath, found})
		visited[parentPath] = true
		child, p = parentPath, found
	}
	return in
}

// localParent returns the parent pom and its path when it is a file of the
// repository, found the way Maven looks for it: at relativePath, ../pom.xml
// by default, and only when its coordinates are the ones the child names.
// It returns nil otherwise, a parent that cannot be parsed included: its own
// extraction reports why.
func localParent(repo extractors.Repo, child string, parent declaration) (string, *pom) {
	rel := "../pom.xml"
	if parent.hasRelativePath {
		rel = parent.relativePath
	}
	if rel == "" {
		return "", nil
	}
	p, ok := pomPath(child, rel)
	if !ok {
		return "", nil
	}
	found := readPom(repo, p)
	if found == nil || !found.is(parent.group, parent.artifact) {
		return "", nil
	}
	return p, found
}

// pomPath is where Maven looks for a pom named from another one: rel, a
// folder or a file relative to the other pom's folder. ok is false for a
// path that leaves the repository.
func pomPath(from, rel string) (p string, ok bool) {
	p = path.Join(path.Dir(from), strings.ReplaceAll(rel, `\`, "/"))
	if !strings.HasSuffix(p, ".xml") {
		p = path.Join(p, "pom.xml")
	}
	return p, p != ".." && !strings.HasPrefix(p, "../") && !path.IsAbs(p)
}

// readPom reads and parses a pom of the repository, or returns nil. A pom
// that is missing or broken is nil: its own extraction reports why.
func readPom(repo extractors.Repo, p string) *pom {
	data, err := repo.ReadFile(p)
	if err != nil {
		return nil
	}
	found, err := parsePom(data)
	if err != nil {
		return nil
	}
	return found
}

// is reports whether the pom has these coordinates, its groupId inherited
// from its parent when it names none.
func (p *pom) is(group, artifact string) bool {
	own := p.group
	if own == "" && p.parent != nil {
		own = p.parent.group
	}
	return own == group && p.artifact == artifact
}
