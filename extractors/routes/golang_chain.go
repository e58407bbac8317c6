package routes

import (
	"go/ast"
)

// goConventional are the names routers usually have. A value of that name
// whose origin the function does not show is taken for a router of the
// framework its method and the file's imports point to.
var goConventional = map[string]bool{
	"app": true, "router": true, "r": true, "e": true, "g": true,
	"mux": true, "api": true, "server": true,
}

// goMethods lists, per framework, the calls on a router that this package
// reads, which is also how a conventionally named value is told apart.
var goMethods = map[string]map[string]bool{
	"gorilla/mux": set("HandleFunc", "Handle", "Path", "PathPrefix", "Methods", "Host",
		"Headers", "Queries", "Schemes", "MatcherFunc", "HeadersRegexp", "NewRoute", "Name"),
	"chi": set("Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Connect",
		"Trace", "Handle", "HandleFunc", "Method", "MethodFunc", "Mount", "Route",
		"Group", "With"),
	"gin": set("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "Any",
		"Handle", "Match", "Group", "Use", "Static", "StaticFS", "StaticFile"),
	"echo": set("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT",
		"TRACE", "Any", "Match", "Add", "Group", "Static", "File"),
	"net/http": set("Handle", "HandleFunc"),
}

// goGuessOrder is the order in which frameworks claim a method: a file
// importing gorilla/mux or chi also imports net/http for its handlers.
var goGuessOrder = []string{"gorilla/mux", "chi", "gin", "echo", "net/http"}

func set(names ...string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, n := range names {
		s[n] = true
	}
	return s
}

// muxRoute is a gorilla/mux route being built by a chain of calls.
type muxRoute struct {
	on         *goRouter
	line       int
	path       string
	pathSet    bool
	pathKnown  bool // the whole path is evident
	pathUsable bool // at least its tail is, below an unknown prefix
	methods    []string
	methodMiss bool // a Methods argument is not a literal
	handler    ast.Expr
	hasHandler bool
}

// chainState is what a chain evaluates to so far: a router, a gorilla route
// under construction, or nothing this package follows.
type chainState struct {
	router *goRouter
	mux    *muxRoute
}

// chainRun collects what one chain registers.
type chainRun struct {
	g      *goFile
	sc     *goScope
	routes []pendingRoute
	unseen []int
}

// evalChain reads a chain of calls such as r.Group("/v1").GET("/x", h)
// from its receiver outwards and returns the router it evaluates to, if any.
// With emit, the routes it registers are recorded and its inner calls are
// not read again on their own.
func (g *goFile) evalChain(call *ast.CallExpr, sc *goScope, emit bool) *goRouter {
	calls, base := flattenChain(call)
	if len(calls) == 0 {
		return nil
	}
	st := chainState{router: g.baseRouter(base, sc)}
	run := &chainRun{g: g, sc: sc}
	for _, c := range calls {
		if st.router == nil && st.mux == nil {
			break
		}
		st = run.step(st, c)
	}
	if st.mux != nil {
		run.finishMux(st.mux)
	}

	if emit {
		for _, c := range calls[:len(calls)-1] {
			g.consumed[c] = true
		}
		g.pending = append(g.pending, run.routes...)
		g.unseen = append(g.unseen, run.unseen...)
	}
	return st.router
}

// flattenChain returns the calls of a chain, innermost first, and the
// expression they start from.
func flattenChain(call *ast.CallExpr) ([]*ast.CallExpr, ast.Expr) {
	var calls []*ast.CallExpr
	var e ast.Expr = call
	for {
		if p, ok := e.(*ast.ParenExpr); ok {
			e = p.X
			continue
		}
		c, ok := e.(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok {
			return nil, nil
		}
		calls = append([]*ast.CallExpr{c}, calls...)
		e = sel.X
	}
	return calls, e
}

// baseRouter returns the router a chain starts from: a bound name, the
// net/http package itself (its DefaultServeMux), or a conventionally named
// value whose framework the first call decides.
func (g *goFile) baseRouter(base ast.Expr, sc *goScope) *goRouter {
	switch b := base.(type) {
	case *ast.Ident:
		if r, found := sc.lookup(b.Name); found {
			return r
		}
		if fw, isPackage := g.imports[b.Name]; isPackage {
			if fw == "net/http" {
				return &goRouter{framework: fw, known: true, strong: true}
			}
			return nil
		}
		if goConventional[b.Name] {
			return &goRouter{}
		}
	case *ast.SelectorExpr:
		if g.packageOf(b.X, sc) == "net/http" && b.Sel.Name == "DefaultServeMux" {
			return &goRouter{framework: "net/http", known: true, strong: true}
		}
		if goConventional[b.Sel.Name] {
			return &goRouter{}
		}
	}
	return nil
}

// guess names the framework of a conventionally named router from the call
// made on it and the file's imports; "" when gin and echo both could be.
func (g *goFile) guess(method string) string {
	imported := map[string]bool{}
	for _, fw := range g.imports {
		imported[fw] = true
	}
	for _, fw := range goGuessOrder {
		if !imported[fw] || !goMethods[fw][method] {
			continue
		}
		if fw == "gin" && imported["echo"] && goMethods["echo"][method] {
			return ""
		}
		return fw
	}
	return ""
}

func (run *chainRun) step(st chainState, c *ast.CallExpr) chainState {
	name := c.Fun.(*ast.SelectorExpr).Sel.Name
	if st.mux != nil {
		return run.muxRouteCall(st.mux, c, name)
	}
	r := st.router
	if r.framework == "" {
		fw := run.g.guess(name)
		if fw == "" {
			return chainState{}
		}
		r = &goRouter{framework: fw}
	}
	if !goMethods[r.framework][name] {
		return chainState{}
	}
	switch r.framework {
	case "net/http":
		run.serveMuxCall(r, c)
		return chainState{}
	case "chi":
		return run.chiCall(r, c, name)
	case "gin":
		return run.ginCall(r, c, name)
	case "echo":
		return run.echoCall(r, c, name)
	}
	return run.muxRouterCall(r, c, name)
}

func (run *chainRun) line(c *ast.CallExpr) int {
	return run.g.fset.Position(c.Fun.(*ast.SelectorExpr).Sel.Pos()).Line
}

// add records a route on r; known is false for a path below a prefix the
// file does not show.
func (run *chainRun) add(r *goRouter, c *ast.CallExpr, method, p string, known bool,
	handler ast.Expr) {
	var name string
	if handler != nil {
		name = exprName(handler)
	}
	run.routes = append(run.routes, pendingRoute{on: r, route: route{
		method: method, path: p, framework: r.framework, handler: name, line: run.line(c),
		prefixUnknown: !known,
	}})
}

// register records a route whose path is the expression pathArg. A path
// with no evident tail is unseen surface when the router is certain.
func (run *chainRun) register(r *goRouter, c *ast.CallExpr, method string,
	pathArg, handler ast.Expr) {
	p, known, usable := run.g.consts.pathOf(pathArg)
	if !usable {
		run.miss(r, c)
		return
	}
	run.add(r, c, method, p, known, handler)
}

func (run *chainRun) miss(r *goRouter, c *ast.CallExpr) {
	if r.strong {
		run.unseen = append(run.unseen, run.line(c))
	}
}

// registerPattern records a net/http style "[METHOD ][HOST]/PATH" pattern.
// Of a pattern whose start is not evident only the path's tail is, so it is
// a route on any method below an unknown prefix.
func (run *chainRun) registerPattern(r *goRouter, c *ast.CallExpr, withHost bool) {
	pattern, known, usable := run.g.consts.pathOf(c.Args[0])
	if !usable {
		run.miss(r, c)
		return
	}
	if !known {
		run.add(r, c, anyMethod, pattern, false, c.Args[1])
		return
	}
	method, host, p, ok := splitPattern(pattern)
	if !ok || host != "" && !withHost {
		return
	}
	run.add(r, c, method, p, true, c.Args[1])
	if host != "" {
		run.routes[len(run.routes)-1].route.host = host
	}
}

func (run *chainRun) serveMuxCall(r *goRouter, c *ast.CallExpr) {
	if len(c.Args) == 2 {
		run.registerPattern(r, c, true)
	}
}

// methodList reads []string{"GET", http.MethodPost}; nil unless every
// method is evident.
func (g *goFile) methodList(e ast.Expr) []string {
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	return g.methods(lit.Elts)
}

// methods reads method arguments; nil unless every one is evident.
func (g *goFile) methods(args []ast.Expr) []string {
	var methods []string
	for _, arg := range args {
		m, ok := g.methodLit(arg)
		if !ok {
			return nil
		}
		methods = append(methods, m)
	}
	return methods
}
