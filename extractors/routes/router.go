package routes

// router is an application or router object of a JavaScript or Python
// file. Its routes' full path is the join of the prefixes up its parents.
type router struct {
	framework string
	prefix    string
	known     bool // false for a guessed receiver or a prefix that is not literal
	detached  bool // a Router, Blueprint or APIRouter, served wherever it is mounted
	strong    bool // made by a known constructor in this file
	parent    *router
}

// resolve returns the full path of p registered on r, and whether every
// prefix on the way is known.
func (r *router) resolve(p string) (string, bool) {
	known := true
	for n := r; n != nil; n = n.parent {
		p = joinPath(n.prefix, p)
		known = known && n.known && !n.detached
	}
	return p, known
}

// below reports whether r is other or one of its descendants, which a
// mount must not make its own parent.
func (r *router) below(other *router) bool {
	for n := r; n != nil; n = n.parent {
		if n == other {
			return true
		}
	}
	return false
}

// routed is a route and the router it is registered on, whose full path is
// known once the whole file is read, since a router may be mounted after its
// routes are added.
type routed struct {
	on    *router
	route route
}

// resolveAll returns the routes with their full paths, each starting with a
// slash as it does once served.
func resolveAll(pending []routed) []route {
	out := make([]route, 0, len(pending))
	for _, p := range pending {
		r := p.route
		full, known := p.on.resolve(r.path)
		r.path, r.prefixUnknown = rooted(full), r.prefixUnknown || !known
		out = append(out, r)
	}
	return out
}
