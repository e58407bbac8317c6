package routes

import (
	"go/ast"
	"strings"
)

// chiMethods maps chi's method-named calls to their HTTP method.
var chiMethods = map[string]string{
	"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
	"Head": "HEAD", "Options": "OPTIONS", "Connect": "CONNECT", "Trace": "TRACE",
}

func (run *chainRun) chiCall(r *goRouter, c *ast.CallExpr, name string) chainState {
	args := c.Args
	switch {
	case chiMethods[name] != "" && len(args) == 2:
		run.register(r, c, chiMethods[name], args[0], args[1])
	case (name == "Handle" || name == "HandleFunc") && len(args) == 2:
		run.registerPattern(r, c, false)
	case (name == "Method" || name == "MethodFunc") && len(args) == 3:
		run.registerMethod(r, c, args[0], args[1], args[2])
	case name == "Mount" && len(args) == 2:
		run.mount(r, c)
	case name == "Route" && len(args) == 2:
		p, known, _ := run.g.consts.pathOf(args[0])
		return run.subRouter(r.child(p, known), args[1])
	case name == "Group" && len(args) == 1:
		return run.subRouter(r.child("", true), args[0])
	case name == "With":
		return chainState{router: r}
	}
	return chainState{}
}

// subRouter hands a chi sub-router to the callback that fills it.
func (run *chainRun) subRouter(sub *goRouter, callback ast.Expr) chainState {
	if lit, ok := callback.(*ast.FuncLit); ok {
		run.g.bindings[lit] = sub
	}
	return chainState{router: sub}
}

// registerMethod records a route whose method is an argument.
func (run *chainRun) registerMethod(r *goRouter, c *ast.CallExpr, method, p, h ast.Expr) {
	m, ok := run.g.methodLit(method)
	if !ok {
		run.miss(r, c)
		return
	}
	run.register(r, c, m, p, h)
}

// mount places a router built in the same function under a prefix. Any
// other handler is recorded as the catch-all route chi registers for it.
func (run *chainRun) mount(r *goRouter, c *ast.CallExpr) {
	p, known, usable := run.g.consts.pathOf(c.Args[0])
	if id, isName := c.Args[1].(*ast.Ident); isName {
		sub, _ := run.sc.lookup(id.Name)
		if sub != nil && sub.constructed && sub.parent == nil && !r.below(sub) {
			sub.parent, sub.prefix, sub.known = r, p, sub.known && known
			return
		}
	}
	if !usable {
		run.miss(r, c)
		return
	}
	catchAll := p + "/*"
	if strings.HasSuffix(p, "/") {
		catchAll = p + "*"
	}
	run.add(r, c, anyMethod, catchAll, known, c.Args[1])
}

// below reports whether r is other or one of its descendants, which a mount
// must not make its own parent.
func (r *goRouter) below(other *goRouter) bool {
	for n := r; n != nil; n = n.parent {
		if n == other {
			return true
		}
	}
	return false
}

// ginMethods are the HTTP methods gin and echo name their calls after.
var ginMethods = set("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

func (run *chainRun) ginCall(r *goRouter, c *ast.CallExpr, name string) chainState {
	args := c.Args
	switch {
	case ginMethods[name] && len(args) >= 2:
		run.register(r, c, name, args[0], args[len(args)-1])
	case name == "Any" && len(args) >= 2:
		run.register(r, c, anyMethod, args[0], args[len(args)-1])
	case name == "Handle" && len(args) >= 3:
		run.registerMethod(r, c, args[0], args[1], args[len(args)-1])
	case name == "Match" && len(args) >= 3:
		run.registerEach(r, c, run.g.methodList(args[0]), args[1], args[len(args)-1])
	case name == "Group" && len(args) >= 1:
		p, known, _ := run.g.consts.pathOf(args[0])
		return chainState{router: r.child(p, known)}
	case strings.HasPrefix(name, "Static") && len(args) == 2:
		run.register(r, c, "GET", args[0], nil)
	case name == "Use":
	default:
		return chainState{}
	}
	// gin's calls return the group they were made on, so chains go on.
	return chainState{router: r}
}

// registerEach records one route per method; no method is a route not seen.
func (run *chainRun) registerEach(r *goRouter, c *ast.CallExpr, methods []string,
	p, h ast.Expr) {
	if len(methods) == 0 {
		run.miss(r, c)
		return
	}
	for _, m := range methods {
		run.register(r, c, m, p, h)
	}
}

func (run *chainRun) echoCall(r *goRouter, c *ast.CallExpr, name string) chainState {
	args := c.Args
	switch {
	case (ginMethods[name] || name == "CONNECT" || name == "TRACE") && len(args) >= 2:
		run.register(r, c, name, args[0], args[1])
	case name == "Any" && len(args) >= 2:
		run.register(r, c, anyMethod, args[0], args[1])
	case name == "Match" && len(args) >= 3:
		run.registerEach(r, c, run.g.methodList(args[0]), args[1], args[2])
	case name == "Add" && len(args) >= 3:
		run.registerMethod(r, c, args[0], args[1], args[2])
	case name == "Group" && len(args) >= 1:
		p, known, _ := run.g.consts.pathOf(args[0])
		return chainState{router: r.child(p, known)}
	case (name == "Static" || name == "File") && len(args) == 2:
		run.register(r, c, "GET", args[0], nil)
	}
	return chainState{}
}

// muxRouterCall starts a gorilla/mux route, or a subrouter, on a router.
func (run *chainRun) muxRouterCall(r *goRouter, c *ast.CallExpr, name string) chainState {
	b := &muxRoute{on: r, line: run.line(c)}
	if name == "HandleFunc" || name == "Handle" {
		if len(c.Args) != 2 {
			return chainState{}
		}
		b.setPath(run.g.consts, c.Args[0])
		b.handler, b.hasHandler = c.Args[1], true
		return chainState{mux: b}
	}
	return run.muxRouteCall(b, c, name)
}

// muxRouteCall applies one call of a route's chain: matchers narrow it, a
// handler completes it, and Subrouter turns it into a router below.
func (run *chainRun) muxRouteCall(b *muxRoute, c *ast.CallExpr, name string) chainState {
	switch {
	case name == "Methods":
		methods := run.g.methods(c.Args)
		b.methods = append(b.methods, methods...)
		b.methodMiss = b.methodMiss || len(methods) == 0
	case (name == "Path" || name == "PathPrefix") && len(c.Args) == 1:
		b.setPath(run.g.consts, c.Args[0])
		b.line = run.line(c)
	case (name == "Handler" || name == "HandlerFunc") && len(c.Args) == 1:
		b.handler, b.hasHandler = c.Args[0], true
	case name == "Subrouter" && len(c.Args) == 0:
		return chainState{router: b.on.child(b.path, b.pathKnown || !b.pathSet)}
	case !muxMatchers[name]:
		return chainState{}
	}
	return chainState{mux: b}
}

// muxMatchers are the calls that narrow a gorilla/mux route without
// changing its path or handler.
var muxMatchers = set("Host", "Headers", "Queries", "Schemes", "MatcherFunc",
	"HeadersRegexp", "NewRoute", "Name", "BuildVarsFunc")

func (b *muxRoute) setPath(consts goConsts, e ast.Expr) {
	b.path, b.pathKnown, b.pathUsable = consts.pathOf(e)
	b.pathSet = true
}

// finishMux records a gorilla/mux route once its chain has a handler: one
// per method, or ANY when no Methods call narrows it.
func (run *chainRun) finishMux(b *muxRoute) {
	if !b.hasHandler || !b.pathSet {
		return
	}
	if !b.pathUsable || b.methodMiss {
		if b.on.strong {
			run.unseen = append(run.unseen, b.line)
		}
		return
	}
	methods := b.methods
	if len(methods) == 0 {
		methods = []string{anyMethod}
	}
	for _, m := range methods {
		run.routes = append(run.routes, pendingRoute{on: b.on, route: route{
			method: m, path: b.path, framework: "gorilla/mux",
			handler: exprName(b.handler), line: b.line, prefixUnknown: !b.pathKnown,
		}})
	}
}
