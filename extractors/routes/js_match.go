package routes

import "strings"

// jsConventional are the names a router usually has; a value of such a name
// that the file does not bind to anything else is taken for one.
var jsConventional = set("app", "router", "r", "e", "g", "mux", "api", "server", "fastify")

// jsMemberConventional are the names taken for a router after a dot, as in
// this.app: a short or generic name there is too often an HTTP client.
var jsMemberConventional = set("app", "router", "server", "fastify")

// jsMethods are the route calls of Express and Fastify, "all" for any method.
var jsMethods = set("get", "post", "put", "patch", "delete", "options", "head", "all")

// scan finds the route registrations of the file.
func (js *jsFile) scan() {
	ts := js.ts
	nest := &nestState{}
	for i := 0; i < len(ts); i++ {
		if js.nest && nest.step(js, i) {
			continue
		}
		if !ts.punct(i-1, ".") || ts.at(i).kind != tIdent {
			continue
		}
		open := ts.callOpen(i + 1)
		r := js.receiver(i - 2)
		if open < 0 || r == nil {
			continue
		}
		switch name := ts[i].text; {
		case jsMethods[name]:
			js.methodCall(r, i, open, name)
		case name == "use":
			js.use(r, i, open)
		case name == "route":
			js.routeCall(r, i, open)
		case name == "register":
			js.plugin(r, open)
		}
	}
}

// callOpen returns the index of the parenthesis opening a call's arguments
// when the call starts at i, after TypeScript type arguments if any, as in
// fastify.post<{ Body: Charge }>('/charge', h); -1 when i starts no call.
func (ts toks) callOpen(i int) int {
	if ts.punct(i, "(") {
		return i
	}
	if end := ts.typeArgsEnd(i); end > 0 && ts.punct(end+1, "(") {
		return end + 1
	}
	return -1
}

// maxTypeArgs bounds the tokens of type arguments, so that a comparison such
// as a.get < b is not read to the end of the file.
const maxTypeArgs = 200

// typeArgsEnd returns the index of the angle bracket closing the type
// arguments opening at i, or -1. Angles and brackets must nest, and a
// bracket closing what the arguments did not open, or a semicolon outside
// the braces of an object type, ends the search: those are comparisons.
func (ts toks) typeArgsEnd(i int) int {
	if !ts.punct(i, "<") {
		return -1
	}
	var stack []string
	for j := i; j < len(ts) && j < i+maxTypeArgs; j++ {
		if ts[j].kind != tPunct {
			continue
		}
		switch t := ts[j].text; t {
		case "<", "(", "[", "{":
			stack = append(stack, t)
		case ">", ")", "]", "}":
			if len(stack) == 0 || stack[len(stack)-1] != typeOpener[t] {
				return -1
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return j
			}
		case ";":
			if stack[len(stack)-1] != "{" {
				return -1
			}
		}
	}
	return -1
}

// typeOpener pairs each closing bracket with its opening one.
var typeOpener = map[string]string{">": "<", ")": "(", "]": "[", "}": "{"}

// receiver returns the router the name at i stands for: one the file
// makes, or, for a name the file binds to nothing else, a guessed one whose
// framework follows the file's imports and whose prefix is unknown.
func (js *jsFile) receiver(i int) *router {
	t := js.ts.at(i)
	if t.kind != tIdent {
		return nil
	}
	member := js.ts.punct(i-1, ".") || js.ts.punct(i-1, "?.")
	if scoped := js.scopedAt(t.text, i); scoped != nil && !member {
		return scoped
	}
	switch {
	case member && !jsMemberConventional[t.text]:
		return nil
	case !member && js.routers[t.text] != nil:
		return js.routers[t.text]
	case !member && (js.others[t.text] || js.modules[t.text] != "" || !jsConventional[t.text]):
		return nil
	}
	fw := "express"
	if js.fastify || t.text == "fastify" {
		fw = "fastify"
	}
	return &router{framework: fw}
}

// methodCall reads app.get('/path', ...handlers).
func (js *jsFile) methodCall(r *router, i, open int, name string) {
	args, _ := js.ts.args(open)
	if len(args) < 2 {
		return
	}
	method := strings.ToUpper(name)
	if name == "all" {
		method = anyMethod
	}
	js.register(r, i, method, args[0], args[len(args)-1])
}

// register records a route whose path is the argument p. A guessed
// receiver asks for a literal path: a computed one is as likely a URL an
// HTTP client calls.
func (js *jsFile) register(r *router, i int, method string, p, handler span) {
	value, known, usable := js.ts.jsPath(p)
	switch {
	case !usable && r.strong:
		js.unseen = append(js.unseen, js.ts[i].line)
		return
	case !r.strong && (!known || !js.plausible(value, handler)):
		return
	}
	js.pending = append(js.pending, routed{on: r, route: route{
		method: method, path: value, framework: r.framework,
		handler: js.handlerName(handler), line: js.ts[i].line, prefixUnknown: !known,
	}})
}

// plausible is the extra evidence asked of a guessed receiver: a path that
// starts at the root and a last argument that can be a handler, not an
// options object or a value, so that api.get('/users', { params }) from an
// HTTP client is not taken for a route.
func (js *jsFile) plausible(p string, handler span) bool {
	if !strings.HasPrefix(p, "/") && p != "*" {
		return false
	}
	first := js.ts.at(handler.from)
	switch {
	case first.kind == tString || first.kind == tNumber:
		return false
	case first.kind == tPunct && first.text == "{":
		return js.hasKey(handler, "handler")
	case first.kind == tPunct && first.text == "[":
		return false
	}
	return true
}

// hasKey reports whether the object literal of span s has the key at its
// top level.
func (js *jsFile) hasKey(s span, key string) bool {
	props, _ := js.ts.args(s.from)
	for _, p := range props {
		if js.ts.ident(p.from, key) {
			return true
		}
	}
	return false
}

// handlerName renders a handler that is a name or a chain of names.
func (js *jsFile) handlerName(s span) string { return js.ts.dotted(s) }

// use reads app.use('/prefix', ..., router): a router made in this file is
// placed under the prefix; any other mountable last argument is a mount point
// that serves every path below it. Calls without a literal path, or ending in
// a middleware, only filter requests.
func (js *jsFile) use(r *router, i, open int) {
	ts := js.ts
	args, _ := ts.args(open)
	if len(args) < 2 {
		return
	}
	prefix, known, usable := ts.jsPath(args[0])
	if !usable || !strings.HasPrefix(prefix, "/") || !known && !r.strong {
		return
	}
	for _, a := range args[1:] {
		if a.to-a.from != 1 {
			continue
		}
		sub := js.routers[ts[a.from].text]
		if sub != nil && sub.detached && sub.parent == nil && !r.below(sub) {
			sub.parent, sub.prefix, sub.detached = r, prefix, false
			sub.known = sub.known && known
			return
		}
	}
	last := args[len(args)-1]
	if !js.mountable(last) || !r.strong && !js.plausible(prefix, last) {
		return
	}
	js.pending = append(js.pending, routed{on: r, route: route{
		method: anyMethod, path: joinPath(prefix, "*"), framework: r.framework,
		handler: js.handlerName(last), line: ts[i].line, prefixUnknown: !known,
	}})
}

// mountable reports whether the last argument of use can serve requests
// rather than only filter them: a router or app passed by name,
// require('./routes'), express.static(dir) or express.Router(). Any other
// call, rateLimit({...}) or auth.isAuthorized(), makes a middleware, and so
// does a function written inline, which mostly ends in next().
func (js *jsFile) mountable(s span) bool {
	ts := js.ts
	switch {
	case ts.dotted(s) != "":
		return true
	case ts.ident(s.from, "require") && ts.punct(s.from+1, "("):
		return ts.closing(s.from+1) == s.to-1
	case js.modules[ts.at(s.from).text] == "express" && ts.punct(s.from+1, ".") &&
		ts.ident(s.from+2, "static") && ts.punct(s.from+3, "("):
		return ts.closing(s.from+3) == s.to-1
	}
	return js.constructed(s.from) != nil
}

// routeCall reads Express's app.route('/path').get(h).post(h) and
// Fastify's fastify.route({ method, url, handler }).
func (js *jsFile) routeCall(r *router, i, open int) {
	ts := js.ts
	args, end := ts.args(open)
	if len(args) != 1 {
		return
	}
	if ts.punct(args[0].from, "{") {
		if r.framework == "fastify" {
			js.fastifyRoute(r, i, args[0])
		}
		return
	}
	for j := end + 1; ts.punct(j, ".") && ts.punct(j+2, "("); {
		name := ts.at(j + 1).text
		if !jsMethods[name] {
			return
		}
		handlers, close := ts.args(j + 2)
		if len(handlers) > 0 {
			method := strings.ToUpper(name)
			if name == "all" {
				method = anyMethod
			}
			js.register(r, j+1, method, args[0], handlers[len(handlers)-1])
		}
		j = close + 1
	}
}

// fastifyRoute reads the options object of fastify.route.
func (js *jsFile) fastifyRoute(r *router, i int, obj span) {
	ts := js.ts
	props, _ := ts.args(obj.from)
	var methods []string
	url, handler := span{}, obj
	for _, p := range props {
		key := ts.at(p.from)
		value := span{p.from + 2, p.to}
		if !ts.punct(p.from+1, ":") {
			value = span{p.from, p.to}
		}
		switch key.text {
		case "method":
			methods = js.methodValues(value)
		case "url", "path":
			url = value
		case "handler":
			handler = value
		}
	}
	if url.to == 0 || len(methods) == 0 {
		if r.strong {
			js.unseen = append(js.unseen, ts[i].line)
		}
		return
	}
	for _, m := range methods {
		js.register(r, i, m, url, handler)
	}
}

// methodValues reads 'GET' or ['GET', 'HEAD']; nil unless all are literal.
func (js *jsFile) methodValues(s span) []string {
	ts := js.ts
	if m, ok := ts.single(s); ok {
		return []string{strings.ToUpper(m)}
	}
	if !ts.punct(s.from, "[") {
		return nil
	}
	items, _ := ts.args(s.from)
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
