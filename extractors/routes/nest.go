package routes

import "strings"

// nestMethods maps NestJS's route decorators to their method.
var nestMethods = map[string]string{
	"Get": "GET", "Post": "POST", "Put": "PUT", "Delete": "DELETE", "Patch": "PATCH",
	"Options": "OPTIONS", "Head": "HEAD", "Search": "SEARCH", "All": anyMethod,
}

// nestState follows classes decorated with @Controller through the braces
// of the file, so that a route decorator is read only on a member of one.
type nestState struct {
	depth        int
	declared     []*router // by the last @Controller, until its class opens
	awaitingBody bool
	current      []*router // the controller whose body is open
	currentDepth int
}

// step reads the token at i, and reports whether it was a decorator.
func (n *nestState) step(js *jsFile, i int) bool {
	ts := js.ts
	switch {
	case ts.punct(i, "{"):
		n.depth++
		if n.awaitingBody {
			n.current, n.currentDepth = n.declared, n.depth
			n.declared, n.awaitingBody = nil, false
		}
	case ts.punct(i, "}"):
		if n.current != nil && n.depth == n.currentDepth {
			n.current = nil
		}
		n.depth--
	case ts.ident(i, "class") && n.declared != nil:
		n.awaitingBody = true
	case ts.punct(i, "@") && ts.ident(i+1, "Controller") && ts.punct(i+2, "("):
		n.declared = nestControllers(js, i+2)
		return true
	case ts.punct(i, "@") && nestMethods[ts.at(i+1).text] != "" && ts.punct(i+2, "(") &&
		n.current != nil && n.depth == n.currentDepth:
		n.route(js, i+1)
		return true
	}
	return false
}

// nestControllers reads @Controller's argument: nothing, a path, a list of
// paths, or an options object with a path.
func nestControllers(js *jsFile, open int) []*router {
	args, _ := js.ts.args(open)
	if len(args) == 0 {
		return []*router{{framework: "nestjs", known: true, strong: true}}
	}
	arg := args[0]
	if js.ts.punct(arg.from, "{") {
		if arg = js.objectValue(arg, "path"); arg.to == 0 {
			return []*router{{framework: "nestjs", known: true, strong: true}}
		}
	}
	paths, ok := js.pathValues(arg)
	if !ok {
		return []*router{{framework: "nestjs", strong: true}}
	}
	var out []*router
	for _, p := range paths {
		out = append(out, &router{framework: "nestjs", prefix: rooted(p), known: true,
			strong: true})
	}
	return out
}

// route reads a route decorator, its name at i, on each controller path.
func (n *nestState) route(js *jsFile, i int) {
	args, _ := js.ts.args(i + 1)
	paths := []string{""}
	if len(args) > 0 {
		var ok bool
		if paths, ok = js.pathValues(args[0]); !ok {
			js.unseen = append(js.unseen, js.ts[i].line)
			return
		}
	}
	for _, c := range n.current {
		for _, p := range paths {
			js.pending = append(js.pending, routed{on: c, route: route{
				method: nestMethods[js.ts[i].text], path: p, framework: "nestjs",
				handler: nestHandler(js.ts, i), line: js.ts[i].line,
			}})
		}
	}
}

// nestHandler names the method a route decorator applies to: the first
// name followed by "(" after the decorators that follow it.
func nestHandler(ts toks, i int) string {
	_, j := ts.args(i + 1)
	for j++; j < len(ts); j++ {
		switch {
		case ts.punct(j, "@"):
			if ts.punct(j+2, "(") {
				_, j = ts.args(j + 2)
			}
		case ts.at(j).kind == tIdent && ts.punct(j+1, "("):
			return ts[j].text
		case ts.at(j).kind != tIdent:
			return ""
		}
	}
	return ""
}

// pathValues reads 'path' or ['a', 'b'].
func (js *jsFile) pathValues(s span) ([]string, bool) {
	ts := js.ts
	if p, ok := ts.single(s); ok {
		return []string{p}, true
	}
	if !ts.punct(s.from, "[") || ts.closing(s.from) != s.to-1 {
		return nil, false
	}
	items, _ := ts.args(s.from)
	var paths []string
	for _, it := range items {
		p, ok := ts.single(it)
		if !ok {
			return nil, false
		}
		paths = append(paths, p)
	}
	return paths, len(paths) > 0
}

// objectValue returns the span of a key's value in an object literal, an
// empty span when the key is absent.
func (js *jsFile) objectValue(obj span, key string) span {
	props, _ := js.ts.args(obj.from)
	for _, p := range props {
		if strings.Trim(js.ts.at(p.from).text, `'"`) == key && js.ts.punct(p.from+1, ":") {
			return span{p.from + 2, p.to}
		}
	}
	return span{}
}
