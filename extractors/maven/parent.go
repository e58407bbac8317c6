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
// whether the direct parent is one of them.
type inheritance struct {
	local      bool
	properties []map[string]string
	managed    []declaration
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
	p := path.Join(path.Dir(child), strings.ReplaceAll(rel, `\`, "/"))
	if !strings.HasSuffix(p, ".xml") {
		p = path.Join(p, "pom.xml")
	}
	if p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p) {
		return "", nil
	}
	data, err := repo.ReadFile(p)
	if err != nil {
		return "", nil
	}
	found, err := parsePom(data)
	if err != nil {
		return "", nil
	}
	group := found.group
	if group == "" && found.parent != nil {
		group = found.parent.group
	}
	if group != parent.group || found.artifact != parent.artifact {
		return "", nil
	}
	return p, found
}
