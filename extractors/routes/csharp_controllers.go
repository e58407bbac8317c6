package routes

import "strings"

// csClass is a class whose body is being read.
type csClass struct {
	name       string
	controller bool       // ASP.NET Core takes it for a controller
	prefixes   []csPrefix // the templates of its [Route] attributes
}

// csPrefix is the template of a controller's [Route]; unknown when it is
// not a literal.
type csPrefix struct {
	template string
	known    bool
}

// csModifiers are the words before a class or a member that are not its
// name or type.
var csModifiers = set("public", "private", "protected", "internal", "static",
	"abstract", "sealed", "partial", "virtual", "override", "async", "new",
	"readonly", "extern", "unsafe", "file", "required")

// csVerbs maps ASP.NET Core's method attributes to their HTTP method.
var csVerbs = map[string]string{
	"HttpGet": "GET", "HttpPost": "POST", "HttpPut": "PUT", "HttpDelete": "DELETE",
	"HttpPatch": "PATCH", "HttpHead": "HEAD", "HttpOptions": "OPTIONS",
}

// scanControllers finds the actions of attribute-routed controllers.
func (cs *csFile) scanControllers() {
	ts := cs.ts
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		switch {
		case ts.attributeStart(i):
			i = cs.attributeList(i)
		case t.kind == tPunct && (t.text == "{" || t.text == "}"):
			if t.text == "{" {
				cs.bodies.openBrace()
			} else {
				cs.bodies.closeBrace()
			}
			cs.pending = nil
		case t.kind == tPunct && (t.text == ";" || t.text == "="):
			cs.pending = nil
		case ts.ident(i, "class") && ts.at(i+1).kind == tIdent &&
			!ts.punct(i-1, ".") && !ts.punct(i-1, ":") && !ts.punct(i-1, ","):
			cs.declareClass(i)
		case t.kind == tIdent && ts.punct(i+1, "(") && !csModifiers[t.text]:
			cs.member(i)
		}
	}
}

// declareClass reads a class declaration, the class keyword at i. ASP.NET
// Core takes a class for a controller when it is public, not nested, not
// abstract, static or generic, not marked [NonController], and its name
// ends in Controller, it carries [Controller] or [ApiController], or it
// derives from Controller or ControllerBase.
func (cs *csFile) declareClass(i int) {
	ts := cs.ts
	c := &csClass{name: ts[i+1].text}
	modifiers := map[string]bool{}
	for k := i - 1; ts.at(k).kind == tIdent && csModifiers[ts[k].text]; k-- {
		modifiers[ts[k].text] = true
	}
	public := modifiers["public"] || modifiers["partial"]
	nested := cs.bodies.current() != nil
	discoverable := public && !nested && !modifiers["abstract"] && !modifiers["static"] &&
		!ts.punct(i+2, "<")
	c.controller = discoverable && len(cs.find("NonController")) == 0 &&
		(strings.HasSuffix(c.name, "Controller") || len(cs.find("Controller")) > 0 ||
			len(cs.find("ApiController")) > 0 || ts.derivesFromController(i+2))
	for _, a := range cs.find("Route") {
		t, ok := cs.template(a)
		c.prefixes = append(c.prefixes, csPrefix{t, ok})
	}
	cs.bodies.declare(c)
	cs.pending = nil
}

// derivesFromController reads the base list of a class from i, after its
// name, up to its body.
func (ts toks) derivesFromController(i int) bool {
	for ; i < len(ts) && !ts.punct(i, "{") && !ts.punct(i, ";"); i++ {
		if ts.ident(i, "where") {
			return false
		}
		base := (ts.punct(i-1, ":") || ts.punct(i-1, ",") || ts.punct(i-1, ".")) &&
			!ts.punct(i+1, ".")
		if base && (ts.ident(i, "Controller") || ts.ident(i, "ControllerBase")) {
			return true
		}
	}
	return false
}

// template returns the route template an attribute gives, its first
// positional argument or template:, when it is a literal; "" otherwise.
func (cs *csFile) template(a csAttr) (string, bool) {
	positional, named := cs.ts.attrArgs(a)
	s, ok := named["template"]
	if !ok && len(positional) > 0 {
		s, ok = positional[0], true
	}
	if t, literal := cs.ts.single(s); ok && literal {
		return t, true
	}
	return "", false
}

// csSelector is one route an action's attributes declare: a template, or
// none for the controller's own, and its methods, none for any.
type csSelector struct {
	template    string
	hasTemplate bool
	methods     []string
	at          int // index of the attribute
}

// member reads the attributes of a method of a controller, its name at i.
func (cs *csFile) member(i int) {
	defer func() { cs.pending = nil }()
	c := cs.bodies.current()
	if c == nil || !c.controller || len(cs.pending) == 0 || len(cs.find("NonAction")) > 0 {
		return
	}
	handler := cs.ts[i].text
	action := cs.actionName(handler)
	for _, s := range cs.selectors() {
		cs.addAction(c, s, action, handler)
	}
}

// selectors reads the routes an action's attributes declare, the way ASP.NET
// Core does. An attribute with a template declares one: a verb attribute
// with its own method, a [Route] with the methods of the verb attributes
// without a template, or any method when there are none. Such verb
// attributes alone declare a route on the controller's template.
func (cs *csFile) selectors() []csSelector {
	var out []csSelector
	var silent []string
	silentAt := -1
	var routes []csAttr
	for _, a := range cs.pending {
		methods, ok := cs.verbs(a)
		switch {
		case a.name == "Route":
			routes = append(routes, a)
		case !ok:
		case !cs.hasTemplate(a):
			silent, silentAt = append(silent, methods...), a.at
		default:
			if t, ok := cs.template(a); ok {
				out = append(out, csSelector{t, true, methods, a.at})
			} else {
				cs.unseen = append(cs.unseen, cs.ts[a.at].line)
			}
		}
	}
	for _, a := range routes {
		if t, ok := cs.template(a); ok {
			out = append(out, csSelector{t, true, silent, a.at})
		} else {
			cs.unseen = append(cs.unseen, cs.ts[a.at].line)
		}
	}
	if len(routes) == 0 && len(silent) > 0 {
		out = append(out, csSelector{methods: silent, at: silentAt})
	}
	return out
}

// verbs returns the methods of a verb attribute: [HttpGet] and the like, or
// [AcceptVerbs("GET", "HEAD")]; false for any other attribute, and for
// methods that are not literals, which are reported.
func (cs *csFile) verbs(a csAttr) ([]string, bool) {
	if m := csVerbs[a.name]; m != "" {
		return []string{m}, true
	}
	if a.name != "AcceptVerbs" {
		return nil, false
	}
	positional, _ := cs.ts.attrArgs(a)
	var methods []string
	for _, p := range positional {
		m, ok := cs.ts.single(p)
		if !ok {
			cs.unseen = append(cs.unseen, cs.ts[a.at].line)
			return nil, false
		}
		methods = append(methods, strings.ToUpper(m))
	}
	return methods, len(methods) > 0
}

// hasTemplate reports whether a verb attribute gives a template:
// [HttpGet("{id}")], [HttpGet(template: "{id}")], [AcceptVerbs("GET", Route = "x")].
func (cs *csFile) hasTemplate(a csAttr) bool {
	positional, named := cs.ts.attrArgs(a)
	if a.name == "AcceptVerbs" {
		_, ok := named["Route"]
		return ok
	}
	_, ok := named["template"]
	return ok || len(positional) > 0
}

// actionName is what [action] stands for: the [ActionName] when it is a
// literal, or else the method's name without the Async suffix, which ASP.NET
// Core drops by default.
func (cs *csFile) actionName(method string) string {
	for _, a := range cs.find("ActionName") {
		if name, ok := cs.template(a); ok {
			return name
		}
	}
	if name := strings.TrimSuffix(method, "Async"); name != "" {
		return name
	}
	return method
}

// addAction records the routes of one selector: its template below each
// of the controller's, or on its own when it starts with / or ~/. A
// selector without a template on a controller without one is routed by
// convention, which the code does not show.
func (cs *csFile) addAction(c *csClass, s csSelector, action, handler string) {
	type place struct {
		path  string
		known bool
	}
	var places []place
	switch {
	case s.hasTemplate && (strings.HasPrefix(s.template, "/") || strings.HasPrefix(s.template, "~/")):
		places = []place{{strings.TrimPrefix(s.template, "~"), true}}
	case len(c.prefixes) == 0 && s.hasTemplate:
		places = []place{{s.template, true}}
	case len(c.prefixes) == 0:
		return
	default:
		for _, p := range c.prefixes {
			places = append(places, place{joinPath(rooted(p.template), s.template), p.known})
		}
	}
	methods := s.methods
	if len(methods) == 0 {
		methods = []string{anyMethod}
	}
	controller := strings.TrimSuffix(c.name, "Controller")
	for _, p := range places {
		full, ok := replaceRouteTokens(p.path, controller, action)
		if !ok {
			cs.unseen = append(cs.unseen, cs.ts[s.at].line)
			continue
		}
		for _, m := range methods {
			cs.routes = append(cs.routes, route{method: m, path: rooted(full),
				framework: "aspnetcore", handler: handler, line: cs.ts[s.at].line,
				prefixUnknown: !p.known})
		}
	}
}

// replaceRouteTokens puts the controller's and the action's names in place
// of [controller] and [action]; false when another token, such as [area],
// is left, whose value the code does not show.
func replaceRouteTokens(t, controller, action string) (string, bool) {
	t = strings.ReplaceAll(t, "[controller]", controller)
	t = strings.ReplaceAll(t, "[action]", action)
	return t, !strings.ContainsAny(t, "[]")
}
