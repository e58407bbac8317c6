package npm

import (
	"maps"
	"slices"
)

// lockGraph is the dependency graph of a yarn or pnpm lockfile. Unlike
// package-lock.json, these files record neither where a package is
// installed nor whether only development needs it, so both are worked out
// by walking the graph from the dependencies package.json declares.
type lockGraph struct {
	nodes map[string]*lockNode // by the lockfile's key for the package
	// resolve names the key a dependency edge leads to, or "" when the
	// lockfile has no such package.
	resolve func(name, ref string) string
	byName  map[string][]string // keys of each package name, to fall back on
}

// lockNode is one package of the graph.
type lockNode struct {
	name  string
	entry *lockEntry
	deps  []lockEdge
	pass  int // 1 prod, 2 optional, 3 dev; 0 until reached from package.json
	depth int // 1 for a declared dependency
	// workspace marks a member of the workspace, whose own package.json
	// reports it and what it requires.
	workspace bool
}

// unreached ranks the packages no pass reached after every pass.
const unreached = 4

// lockEdge is one dependency of a package: its name and the range or
// reference the lockfile writes for it.
type lockEdge struct{ name, ref string }

func newLockGraph(resolve func(name, ref string) string) *lockGraph {
	return &lockGraph{nodes: map[string]*lockNode{}, resolve: resolve,
		byName: map[string][]string{}}
}

func (g *lockGraph) add(key string, n *lockNode) {
	if _, dup := g.nodes[key]; dup {
		return
	}
	g.nodes[key] = n
	g.byName[n.name] = append(g.byName[n.name], key)
}

// find resolves an edge. When the exact entry is missing, as for a
// workspace: range the lockfile records under the workspace's folder, the
// only package of that name is taken.
func (g *lockGraph) find(name, ref string) *lockNode {
	if n := g.nodes[g.resolve(name, ref)]; n != nil {
		return n
	}
	if keys := g.byName[name]; len(keys) == 1 {
		return g.nodes[keys[0]]
	}
	return nil
}

// lockfile walks the graph breadth first from the declared dependencies:
// what production dependencies reach is prod, what only optional ones reach
// is optional, and what only development ones reach is dev. A declared
// dependency keeps the package its own range resolves to; any other name
// keeps the package production reaches first and shallowest, the one a
// review of what ships cares about.
//
// In a workspace, others are what the other members declare: the packages
// only they reach are theirs. Packages nothing reaches keep no flag; the
// workspace root (keepUnreached) lists them, so that no lockfile entry goes
// unreported, and a member does not.
func (g *lockGraph) lockfile(deps map[string]direct, others []lockEdge,
	keepUnreached bool) *lockfile {
	g.markPasses(deps)
	claimed := g.claim(others)

	l := &lockfile{packages: map[string]*lockEntry{}}
	roots := map[*lockNode]bool{}
	for name, d := range deps {
		if n := g.find(name, d.constraint); n != nil {
			l.packages[name], roots[n] = n.entry, true
		}
	}
	// A root installed under an alias is the declared dependency, not also a
	// transitive package of its real name.
	best := map[string]*lockNode{}
	for _, n := range g.nodes {
		_, declared := deps[n.name]
		listed := n.pass != 0 || keepUnreached && !claimed[n]
		if listed && !declared && !roots[n] && !n.workspace && before(n, best[n.name]) {
			best[n.name] = n
		}
	}
	for name, n := range best {
		l.packages[name] = n.entry
	}
	return l
}

func (g *lockGraph) markPasses(deps map[string]direct) {
	passes := []func(*lockEntry){
		func(*lockEntry) {},
		func(e *lockEntry) { e.Optional = true },
		func(e *lockEntry) { e.Dev = true },
	}
	passScopes := [][]string{{"prod", "peer"}, {"optional"}, {"dev"}}
	for i, mark := range passes {
		var queue []*lockNode
		for _, name := range slices.Sorted(maps.Keys(deps)) {
			d := deps[name]
			if !slices.Contains(passScopes[i], d.scope) {
				continue
			}
			if n := g.find(name, d.constraint); n != nil {
				queue = g.visit(queue, n, i+1, 1, mark)
			}
		}
		g.walk(queue, mark)
	}
}

// claim returns the packages the edges reach, without marking them.
func (g *lockGraph) claim(edges []lockEdge) map[*lockNode]bool {
	claimed := map[*lockNode]bool{}
	for len(edges) > 0 {
		e := edges[0]
		edges = edges[1:]
		n := g.find(e.name, e.ref)
		if n == nil || claimed[n] {
			continue
		}
		claimed[n] = true
		if !n.workspace {
			edges = append(edges, n.deps...)
		}
	}
	return claimed
}

// before orders the packages of one name: by the pass that reached them,
// then depth, then line, unreached ones last.
func before(a, b *lockNode) bool {
	if b == nil {
		return true
	}
	rank := func(n *lockNode) [3]int {
		if n.pass == 0 {
			return [3]int{unreached, 0, n.entry.line}
		}
		return [3]int{n.pass, n.depth, n.entry.line}
	}
	ra, rb := rank(a), rank(b)
	return slices.Compare(ra[:], rb[:]) < 0
}

func (g *lockGraph) walk(queue []*lockNode, mark func(*lockEntry)) {
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n.workspace {
			continue // its own package.json reports what it requires
		}
		for _, e := range n.deps {
			if child := g.find(e.name, e.ref); child != nil {
				queue = g.visit(queue, child, n.pass, n.depth+1, mark)
			}
		}
	}
}

func (g *lockGraph) visit(queue []*lockNode, n *lockNode, pass, depth int,
	mark func(*lockEntry)) []*lockNode {
	if n.pass != 0 {
		return queue
	}
	n.pass, n.depth = pass, depth
	mark(n.entry)
	return append(queue, n)
}
