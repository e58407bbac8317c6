package routes

import "strings"

// csMapVerbs maps the route calls of minimal APIs to their method.
var csMapVerbs = map[string]string{
	"MapGet": "GET", "MapPost": "POST", "MapPut": "PUT", "MapDelete": "DELETE",
	"MapPatch": "PATCH",
}

// csBuilderMakers are WebApplication's factories of a builder, whose Build()
// is the application.
var csBuilderMakers = set("CreateBuilder", "CreateSlimBuilder", "CreateEmptyBuilder")

// scanMinimal finds the routes of minimal APIs, app.MapGet("/x", h) and the
// like, on the application, on groups made with MapGroup, or on a route
// builder the file receives, whose place in the URL space it does not show.
// The Map calls are ASP.NET Core's own, so the receiver is certain.
func (cs *csFile) scanMinimal() {
	ts := cs.ts
	assigned := map[int]string{} // variable assigned by the statement ending at a semicolon
	for i := 0; i < len(ts); i++ {
		switch {
		case ts.punct(i, ";") && assigned[i] != "":
			if g := cs.calls[i-1]; g != nil && ts.punct(i-1, ")") {
				cs.names[assigned[i]] = g
			}
		case ts.at(i).kind == tIdent && ts.punct(i+1, "=") && !ts.punct(i+2, "=") &&
			!ts.punct(i+2, ">") && !ts.punct(i-1, "."):
			if end := cs.assign(i); end > 0 {
				assigned[end] = ts[i].text
			}
		case ts.punct(i-1, ".") && ts.at(i).kind == tIdent && ts.punct(i+1, "("):
			cs.mapCall(i)
		}
	}
}

// assign reads name = value, the name at i: an application made by
// WebApplication, or a builder of one. It returns the index of the
// statement's semicolon for any other value, which may be a group.
func (cs *csFile) assign(i int) int {
	ts := cs.ts
	name, v := ts[i].text, i+2
	delete(cs.names, name)
	delete(cs.builders, name)
	switch {
	case ts.ident(v, "WebApplication") && ts.punct(v+1, ".") && ts.punct(v+3, "("):
		if ts.ident(v+2, "Create") {
			cs.names[name] = &router{framework: "aspnetcore", known: true, strong: true}
		}
		cs.builders[name] = csBuilderMakers[ts.at(v+2).text]
		return 0
	case ts.at(v).kind == tIdent && cs.builders[ts[v].text] && ts.punct(v+1, ".") &&
		ts.ident(v+2, "Build") && ts.punct(v+3, "(") && ts.punct(v+4, ")"):
		cs.names[name] = &router{framework: "aspnetcore", known: true, strong: true}
		return 0
	}
	for j := v; j < len(ts); j++ {
		switch {
		case ts.punct(j, ";"):
			return j
		case ts.punct(j, "(") || ts.punct(j, "[") || ts.punct(j, "{"):
			j = ts.closing(j)
		case ts.punct(j, ")") || ts.punct(j, "]") || ts.punct(j, "}"):
			return 0
		}
	}
	return 0
}

// mapCall reads a call on a route builder, the method's name at i.
func (cs *csFile) mapCall(i int) {
	ts := cs.ts
	name := ts[i].text
	args, end := ts.args(i + 1)
	r := cs.receiverOf(i - 2)
	switch {
	case name == "UseEndpoints" && len(args) == 1:
		cs.useEndpoints(i, r, args[0])
	case name == "MapGroup" && len(args) == 1:
		prefix, ok := ts.single(args[0])
		if !ok {
			prefix = ""
		}
		cs.calls[end] = &router{framework: "aspnetcore", prefix: prefix, known: ok,
			strong: true, parent: orUnknown(r)}
	case name == "MapHealthChecks" && len(args) >= 1: // answers any method
		cs.mapRoute(orUnknown(r), i, []string{anyMethod}, args[0], span{})
	case csMapVerbs[name] != "" && len(args) >= 2:
		cs.mapRoute(orUnknown(r), i, []string{csMapVerbs[name]}, args[0], args[len(args)-1])
	case name == "MapMethods" && len(args) == 3:
		methods, ok := cs.methodList(args[1])
		if !ok {
			cs.unseen = append(cs.unseen, ts[i].line)
			return
		}
		cs.mapRoute(orUnknown(r), i, methods, args[0], args[2])
	case r != nil && r.parent != nil && !strings.HasPrefix(name, "Map"):
		// A convention such as RequireAuthorization() returns its group.
		cs.calls[end] = r
	}
}

// csBranches are IApplicationBuilder's calls whose lambda configures a
// pipeline of its own, served below a path or for some requests only.
var csBranches = set("Map", "MapWhen", "UseWhen")

// useEndpoints reads app.UseEndpoints(endpoints => ...) of a Startup class:
// the lambda's parameter is a route builder at the application's root,
// unless the call configures a branch, whose place the file may not show.
func (cs *csFile) useEndpoints(i int, r *router, lambda span) {
	param := cs.lambdaParam(lambda)
	if param == "" {
		return
	}
	switch {
	case cs.inBranch(i):
		cs.names[param] = orUnknown(nil)
	case r != nil:
		cs.names[param] = r
	default:
		cs.names[param] = &router{framework: "aspnetcore", known: true, strong: true}
	}
}

// lambdaParam returns the single parameter of a lambda, written x => ...,
// (x) => ... or (Type x) => ..., or "" for any other expression.
func (cs *csFile) lambdaParam(s span) string {
	ts := cs.ts
	if ts.at(s.from).kind == tIdent && ts.punct(s.from+1, "=") && ts.punct(s.from+2, ">") {
		return ts[s.from].text
	}
	if !ts.punct(s.from, "(") {
		return ""
	}
	end := ts.closing(s.from)
	if end <= s.from+1 || !ts.punct(end+1, "=") || !ts.punct(end+2, ">") ||
		ts.at(end-1).kind != tIdent {
		return ""
	}
	for j := s.from + 1; j < end; j++ {
		if ts.punct(j, ",") {
			return ""
		}
	}
	return ts[end-1].text
}

// inBranch reports whether the call at i is within the arguments of a
// branching call such as app.Map("/admin", admin => ...). The number of
// branches around each token is counted once per file.
func (cs *csFile) inBranch(i int) bool {
	if cs.branchDepth == nil {
		cs.branchDepth = cs.countBranches()
	}
	return cs.branchDepth[i] > 0
}

// countBranches returns, for each token, how many branching calls' arguments
// hold it.
func (cs *csFile) countBranches() []int {
	ts := cs.ts
	depth := make([]int, len(ts)+1)
	for j := 1; j+1 < len(ts); j++ {
		if ts.punct(j-1, ".") && csBranches[ts[j].text] && ts.punct(j+1, "(") {
			if end := ts.closing(j + 1); end > j {
				depth[j+1]++
				depth[end]--
			}
		}
	}
	for j := 1; j < len(depth); j++ {
		depth[j] += depth[j-1]
	}
	return depth
}

// receiverOf returns the application or group the expression ending at k
// holds, nil when the file does not show one.
func (cs *csFile) receiverOf(k int) *router {
	ts := cs.ts
	if ts.punct(k, ")") {
		return cs.calls[k]
	}
	if ts.at(k).kind == tIdent && !ts.punct(k-1, ".") {
		return cs.names[ts[k].text]
	}
	return nil
}

// orUnknown returns r, or for nil a route builder received from elsewhere.
func orUnknown(r *router) *router {
	if r != nil {
		return r
	}
	return &router{framework: "aspnetcore", strong: true}
}

// mapRoute records a route whose pattern is the argument p.
func (cs *csFile) mapRoute(r *router, i int, methods []string, p, handler span) {
	ts := cs.ts
	value, ok := ts.single(p)
	if !ok {
		cs.unseen = append(cs.unseen, ts[i].line)
		return
	}
	for _, m := range methods {
		cs.minimal = append(cs.minimal, routed{on: r, route: route{
			method: m, path: value, framework: "aspnetcore",
			handler: ts.dotted(handler), line: ts[i].line,
		}})
	}
}

// methodList reads the methods of MapMethods: new[] { "GET", "HEAD" },
// a collection expression ["GET"], or HttpMethods.Get; false unless every
// one is evident.
func (cs *csFile) methodList(s span) ([]string, bool) {
	ts := cs.ts
	open := s.from
	for open < s.to && !ts.punct(open, "{") && !(open == s.from && ts.punct(open, "[")) {
		open++
	}
	if open == s.to {
		return nil, false
	}
	items, _ := ts.args(open)
	var methods []string
	for _, it := range items {
		m, ok := ts.single(it)
		if !ok && it.to-it.from == 3 && ts.ident(it.from, "HttpMethods") && ts.punct(it.from+1, ".") {
			m, ok = ts[it.from+2].text, true
		}
		if !ok {
			return nil, false
		}
		methods = append(methods, strings.ToUpper(m))
	}
	return methods, len(methods) > 0
}
