package routes

import "strings"

// pyConventionalSuffixes end the names a Flask or FastAPI router usually
// has: app, api, bp, users_bp, admin_router. Decorators are distinctive in
// Python, so a name of this shape is enough, wherever it was defined.
var pyConventionalSuffixes = []string{"app", "router", "bp", "blueprint", "api", "server"}

func pyConventional(name string) bool {
	switch name {
	case "r", "e", "g", "mux":
		return true
	}
	for _, s := range pyConventionalSuffixes {
		if strings.HasSuffix(strings.ToLower(name), s) {
			return true
		}
	}
	return false
}

// pyDecorators lists each framework's route decorators; "" means the
// methods come from the methods argument.
var pyDecorators = map[string]map[string]string{
	"flask": {"route": "", "get": "GET", "post": "POST", "put": "PUT", "delete": "DELETE",
		"patch": "PATCH"},
	"fastapi": {"api_route": "", "get": "GET", "post": "POST", "put": "PUT",
		"delete": "DELETE", "patch": "PATCH", "options": "OPTIONS", "head": "HEAD",
		"trace": "TRACE"},
}

// pyCalls are the registrations written as calls, with their framework.
var pyCalls = map[string]string{
	"add_url_rule": "flask", "register_blueprint": "flask",
	"add_api_route": "fastapi", "include_router": "fastapi", "mount": "fastapi",
}

// scan finds decorators such as @app.route('/x') and calls such as
// app.add_url_rule('/x', view_func=v) at the start of a statement.
func (py *pyFile) scan() {
	ts := py.ts
	for i := range ts {
		switch {
		case ts.punct(i, "@") && ts.at(i+1).kind == tIdent && ts.punct(i+2, ".") &&
			ts.at(i+3).kind == tIdent && ts.punct(i+4, "("):
			py.decorator(i+1, i+3)
		case ts.at(i).kind == tIdent && ts.punct(i+1, ".") && pyCalls[ts.at(i+2).text] != "" &&
			ts.punct(i+3, "(") && !ts.punct(i-1, ".") && !ts.punct(i-1, "@"):
			py.call(i, i+2)
		}
	}
}

// receiver returns the router a name stands for, guessing the framework of
// a conventional name from the file's imports and the method called.
func (py *pyFile) receiver(i int, method string) *router {
	name := py.ts[i].text
	if r := py.routers[name]; r != nil {
		return r
	}
	if !pyConventional(name) {
		return nil
	}
	fw := py.framework
	switch {
	case fw != "":
	case pyDecorators["fastapi"][method] != "" && pyDecorators["flask"][method] != "":
		fw = "flask"
		if strings.Contains(strings.ToLower(name), "router") {
			fw = "fastapi"
		}
	case pyCalls[method] != "":
		fw = pyCalls[method]
	case method == "route":
		fw = "flask"
	default:
		fw = "fastapi"
	}
	return &router{framework: fw}
}

func (py *pyFile) decorator(recv, m int) {
	ts := py.ts
	name := ts[m].text
	r := py.receiver(recv, name)
	if r == nil {
		return
	}
	method, ok := pyDecorators[r.framework][name]
	if !ok {
		return
	}
	args, end := ts.args(m + 1)
	pathArg, ok := py.positional(args, 0)
	if !ok {
		pathArg, ok = py.kwarg(args, map[string]string{"flask": "rule", "fastapi": "path"}[r.framework])
	}
	methods := []string{method}
	if method == "" {
		methods = py.methods(args)
	}
	py.register(r, m, methods, pathArg, ok, pyDefName(ts, end))
}

// methods reads the methods argument: GET when absent, nil when it is not
// a list of literals.
func (py *pyFile) methods(args []span) []string {
	value, ok := py.kwarg(args, "methods")
	if !ok {
		return []string{"GET"}
	}
	ts := py.ts
	if !ts.punct(value.from, "[") && !ts.punct(value.from, "(") && !ts.punct(value.from, "{") {
		return nil
	}
	items, _ := ts.args(value.from)
	var methods []string
	for _, it := range items {
		m, ok := ts.single(it)
		if !ok {
			return nil
		}
		methods = append(methods, strings.ToUpper(m))
	}
	return methods
}

// register records one route per method for a literal path; a path or
// methods that are not literal are unseen surface when the router is
// certain.
func (py *pyFile) register(r *router, at int, methods []string, pathArg span, hasPath bool,
	handler string) {
	value, ok := py.ts.single(pathArg)
	if !hasPath || !ok || len(methods) == 0 {
		if r.strong {
			py.unseen = append(py.unseen, py.ts[at].line)
		}
		return
	}
	if !r.strong && !strings.HasPrefix(value, "/") {
		return
	}
	for _, m := range methods {
		py.pending = append(py.pending, routed{on: r, route: route{
			method: m, path: value, framework: r.framework, handler: handler,
			line: py.ts[at].line,
		}})
	}
}

// pyDefName names the function a decorator ending at end applies to,
// past the decorators stacked below it.
func pyDefName(ts toks, end int) string {
	for j := end + 1; j < len(ts); j++ {
		switch {
		case ts.ident(j, "def"):
			return ts.at(j + 1).text
		case ts.punct(j, "@"), ts.at(j).kind == tIdent, ts.punct(j, "."):
		case ts.punct(j, "("):
			j = ts.closing(j)
		default:
			return ""
		}
	}
	return ""
}

func (py *pyFile) call(recv, m int) {
	ts := py.ts
	name := ts[m].text
	r := py.receiver(recv, name)
	if r == nil || r.framework != pyCalls[name] {
		return
	}
	args, _ := ts.args(m + 1)
	switch name {
	case "add_url_rule", "add_api_route":
		py.callRoute(r, m, args)
	case "register_blueprint":
		py.mount(r, m, args, "url_prefix", true)
	case "include_router":
		py.mount(r, m, args, "prefix", false)
	case "mount":
		if p, ok := py.positional(args, 0); ok {
			app, _ := py.positional(args, 1)
			py.mountPoint(r, m, p, app)
		}
	}
}

// callRoute reads add_url_rule(rule, endpoint, view_func) and
// add_api_route(path, endpoint).
func (py *pyFile) callRoute(r *router, m int, args []span) {
	pathArg, hasPath := py.positional(args, 0)
	viewAt, viewKey := 1, "endpoint"
	if r.framework == "flask" {
		viewAt, viewKey = 2, "view_func"
	}
	view, ok := py.kwarg(args, viewKey)
	if !ok {
		view, _ = py.positional(args, viewAt)
	}
	py.register(r, m, py.methods(args), pathArg, hasPath, py.ts.dotted(view))
}

// mount places a router of this file below r. Flask's url_prefix replaces
// the blueprint's own; FastAPI's prefix goes before the router's. A router
// from another file leaves a mount point that serves every path below it.
func (py *pyFile) mount(r *router, m int, args []span, key string, replaces bool) {
	subArg, ok := py.positional(args, 0)
	if !ok {
		return
	}
	prefixArg, hasPrefix := py.kwarg(args, key)
	prefix, literal := py.ts.single(prefixArg)
	sub := py.routers[py.ts.dotted(subArg)]
	if sub == nil || sub.parent != nil || r.below(sub) {
		if hasPrefix {
			py.mountPoint(r, m, prefixArg, subArg)
		}
		return
	}
	if hasPrefix {
		if replaces {
			sub.prefix = prefix
		} else {
			sub.prefix = joinPath(prefix, sub.prefix)
		}
		sub.known = sub.known && literal
	}
	sub.parent, sub.detached = r, false
}

// mountPoint records the catch-all route of an application or router
// mounted at a literal prefix.
func (py *pyFile) mountPoint(r *router, m int, prefixArg, app span) {
	prefix, ok := py.ts.single(prefixArg)
	if !ok {
		if r.strong {
			py.unseen = append(py.unseen, py.ts[m].line)
		}
		return
	}
	py.pending = append(py.pending, routed{on: r, route: route{
		method: anyMethod, path: joinPath(prefix, "*"), framework: r.framework,
		handler: py.ts.dotted(app), line: py.ts[m].line,
	}})
}
