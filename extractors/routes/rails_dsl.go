package routes

import "strings"

// railsVerbs are the route methods of the routes DSL.
var railsVerbs = set("get", "post", "put", "patch", "delete")

// dispatch reads one statement of the DSL, the name at i, and returns the
// frame its block opens, and whether it opens a block closed by end without
// a do (if, unless, def ...).
func (r *railsFile) dispatch(i int, args railsArgs, hasDo bool) (railsFrame, bool) {
	name := r.ts[i].text
	top := r.top()
	frame := top
	frame.resource = false
	switch {
	case railsBlockKeywords[name]:
		return top, true
	case top.template:
	case railsVerbs[name]:
		r.verb(i, strings.ToUpper(name), args)
	case name == "match":
		r.match(i, args)
	case name == "root":
		r.root(i, args)
	case name == "resources" || name == "resource":
		return r.resources(i, args, name == "resources"), false
	case name == "namespace":
		frame = r.namespace(args)
	case name == "scope":
		frame = r.scope(args)
	case name == "member" && top.resource:
		frame.prefix = top.member
	case name == "collection" && top.resource:
		frame.prefix = top.collection
	case name == "concern":
		frame.template = true
	case name == "mount":
		r.mount(i, args)
	}
	return frame, false
}

// value returns the text of an argument that is one string or symbol.
func (r *railsFile) value(s span) (string, bool) {
	t := r.ts.at(s.from)
	if s.to-s.from != 1 || t.kind != tString && t.kind != tSymbol || t.dynamic {
		return "", false
	}
	return t.text, true
}

// values reads one string or symbol, or an array of them.
func (r *railsFile) values(s span) ([]string, bool) {
	if v, ok := r.value(s); ok {
		return []string{v}, true
	}
	ts := r.ts
	if !ts.punct(s.from, "[") || ts.closing(s.from) != s.to-1 {
		return nil, false
	}
	var out []string
	for j := s.from + 1; j < s.to-1; j++ {
		if v, ok := r.value(span{j, j + 1}); ok {
			out = append(out, v)
		} else if !ts.punct(j, ",") {
			return nil, false
		}
	}
	return out, true
}

// add records a route at prefix/p in the current frame.
func (r *railsFile) add(i int, method, prefix, p, handler string) {
	r.routes = append(r.routes, route{
		method: method, path: rooted(joinPath(prefix, p)), framework: "rails",
		handler: handler, line: r.ts[i].line, prefixUnknown: r.drawn,
	})
}

// handler returns the controller#action of a to: option or a hash rocket,
// in the current module.
func (r *railsFile) handler(args railsArgs) string {
	to, ok := args.options["to"]
	if !ok {
		to = args.options["=>"]
	}
	if v, ok := r.value(to); ok && strings.Contains(v, "#") {
		return r.top().module + v
	}
	return ""
}

// verbPrefix is where a verb route goes: inside a resources block, on a
// member or the collection when on: says so, nested below a member if not.
func (r *railsFile) verbPrefix(args railsArgs) string {
	top := r.top()
	if on, ok := r.value(args.options["on"]); ok && top.resource {
		switch on {
		case "member":
			return top.member
		case "collection":
			return top.collection
		}
	}
	return top.prefix
}

func (r *railsFile) verb(i int, method string, args railsArgs) {
	r.verbMethods(i, []string{method}, args)
}

func (r *railsFile) verbMethods(i int, methods []string, args railsArgs) {
	if len(args.positional) == 0 {
		return
	}
	p, ok := r.value(args.positional[0])
	if !ok {
		r.unseen = append(r.unseen, r.ts[i].line)
		return
	}
	for _, m := range methods {
		r.add(i, m, r.verbPrefix(args), p, r.handler(args))
	}
}

// match reads match 'x', to: 'c#a', via: [:get, :post]; via: :all is any
// method, and without via Rails refuses the route.
func (r *railsFile) match(i int, args railsArgs) {
	via, ok := r.values(args.options["via"])
	if !ok || len(via) == 0 {
		return
	}
	var methods []string
	for _, v := range via {
		if v == "all" {
			methods = []string{anyMethod}
			break
		}
		methods = append(methods, strings.ToUpper(v))
	}
	r.verbMethods(i, methods, args)
}

func (r *railsFile) root(i int, args railsArgs) {
	handler := r.handler(args)
	if len(args.positional) > 0 {
		if v, ok := r.value(args.positional[0]); ok {
			handler = r.top().module + v
		}
	}
	r.add(i, "GET", r.top().prefix, "", handler)
}

// segment returns the path: option, or the name itself.
func (r *railsFile) segment(name string, args railsArgs) string {
	if p, ok := r.value(args.options["path"]); ok {
		return p
	}
	return name
}

func (r *railsFile) namespace(args railsArgs) railsFrame {
	frame := r.top()
	frame.resource = false
	if len(args.positional) == 0 {
		return frame
	}
	name, ok := r.value(args.positional[0])
	if !ok {
		return frame
	}
	frame.prefix = joinPath(frame.prefix, r.segment(name, args))
	frame.module += name + "/"
	return frame
}

// scope reads scope '/v1', scope path: '/v1' and scope module: 'admin'.
func (r *railsFile) scope(args railsArgs) railsFrame {
	frame := r.top()
	frame.resource = false
	p, ok := "", false
	if len(args.positional) > 0 {
		p, ok = r.value(args.positional[0])
	}
	if !ok {
		p, ok = r.value(args.options["path"])
	}
	if ok {
		frame.prefix = joinPath(frame.prefix, p)
	}
	if m, ok := r.value(args.options["module"]); ok {
		frame.module += m + "/"
	}
	return frame
}

// mount reads mount App => '/app' and mount App, at: '/app'.
func (r *railsFile) mount(i int, args railsArgs) {
	at, ok := args.options["at"]
	if !ok {
		at = args.options["=>"]
	}
	p, ok := r.value(at)
	if !ok || len(args.positional) == 0 {
		return
	}
	var app strings.Builder
	for _, t := range r.ts[args.positional[0].from:args.positional[0].to] {
		app.WriteString(t.text)
	}
	r.add(i, anyMethod, r.top().prefix, joinPath(p, "*"), app.String())
}
