package routes

// scopedRouter is a router bound to a name within a range of tokens only,
// such as the instance parameter of a Fastify plugin.
type scopedRouter struct {
	name     string
	from, to int
	router   *router
}

// scopedAt returns the router name stands for at token i by the innermost
// range that binds it, or nil.
func (js *jsFile) scopedAt(name string, i int) *router {
	var best *scopedRouter
	for k := range js.scoped {
		s := &js.scoped[k]
		if s.name == name && s.from <= i && i < s.to && (best == nil || s.from > best.from) {
			best = s
		}
	}
	if best == nil {
		return nil
	}
	return best.router
}

// plugin reads fastify.register(async (instance, opts) => { ... }, { prefix }):
// Fastify calls the function with an instance below the receiver, placed
// under the prefix option, so within the function its first parameter is a
// router. A plugin defined elsewhere is not followed: its routes are read
// where it is written, with an unknown prefix.
func (js *jsFile) plugin(r *router, open int) {
	ts := js.ts
	args, _ := ts.args(open)
	if len(args) == 0 || len(args) > 2 || r.strong && r.framework != "fastify" {
		return
	}
	name, ok := ts.firstParam(args[0])
	if !ok {
		return
	}
	prefix, known := "", true
	if len(args) == 2 {
		prefix, known = js.pluginPrefix(args[1])
	}
	instance := &router{framework: "fastify", prefix: prefix, known: known,
		strong: r.strong || js.fastify, parent: r}
	js.scoped = append(js.scoped, scopedRouter{name: name, from: args[0].from,
		to: args[0].to, router: instance})
}

// firstParam returns the name of the first parameter of the function
// literal that span s holds: function (a, b) {}, async (a) => {}, a => {}.
func (ts toks) firstParam(s span) (string, bool) {
	j := s.from
	if ts.ident(j, "async") {
		j++
	}
	switch {
	case ts.ident(j, "function"):
		j++
		if ts.punct(j, "*") {
			j++
		}
		if ts.at(j).kind == tIdent {
			j++
		}
	case ts.at(j).kind == tIdent && ts.punct(j+1, "=>"):
		return ts[j].text, true
	}
	if !ts.punct(j, "(") || ts.at(j+1).kind != tIdent || ts.closing(j) >= s.to {
		return "", false
	}
	switch next := ts.at(j + 2); {
	case next.kind == tPunct && (next.text == "," || next.text == ")" ||
		next.text == ":" || next.text == "?"):
		return ts[j+1].text, true
	}
	return "", false
}

// pluginPrefix reads the options of register: the literal prefix, "" and
// known when the options name none, and unknown when they may hold one this
// file does not show (a variable, a spread, a computed value).
func (js *jsFile) pluginPrefix(s span) (string, bool) {
	ts := js.ts
	if !ts.punct(s.from, "{") || ts.closing(s.from) != s.to-1 {
		return "", false
	}
	props, _ := ts.args(s.from)
	for _, p := range props {
		key := ts.at(p.from)
		switch {
		case key.kind == tPunct:
			return "", false // a spread or a computed key
		case key.text != "prefix":
			continue
		case !ts.punct(p.from+1, ":"):
			return "", false // shorthand: a variable named prefix
		}
		value, known, usable := ts.jsPath(span{p.from + 2, p.to})
		if !usable || len(value) == 0 || value[0] != '/' {
			return "", false
		}
		return value, known
	}
	return "", true
}
