package depset

// Root is where a walk of a lockfile's graph starts: a direct dependency
// and the scope it gives everything reached only through it.
type Root struct {
	Node  string
	Scope string
}

// Reached is a node the walk found and the scope it got.
type Reached struct {
	Node  string
	Scope string
}

// Reach walks the graph breadth first from the roots, one scope at a time in
// the order the roots name them, so that a package needed in production is
// never labelled dev because a dev tool also needs it. Nodes come back in
// the order they were found, each once.
func Reach(roots []Root, next func(node string) []string) []Reached {
	var scopes []string
	byScope := map[string][]string{}
	for _, r := range roots {
		if _, ok := byScope[r.Scope]; !ok {
			scopes = append(scopes, r.Scope)
		}
		byScope[r.Scope] = append(byScope[r.Scope], r.Node)
	}

	seen := map[string]bool{}
	var found []Reached
	for _, scope := range scopes {
		queue := byScope[scope]
		for len(queue) > 0 {
			node := queue[0]
			queue = queue[1:]
			if seen[node] {
				continue
			}
			seen[node] = true
			found = append(found, Reached{Node: node, Scope: scope})
			queue = append(queue, next(node)...)
		}
	}
	return found
}
