package routes

import "strings"

// springMappings maps Spring's mapping annotations to their method; ""
// means the method comes from RequestMapping's method attribute.
var springMappings = map[string]string{
	"GetMapping": "GET", "PostMapping": "POST", "PutMapping": "PUT",
	"DeleteMapping": "DELETE", "PatchMapping": "PATCH", "RequestMapping": "",
}

// jaxrsMethods are JAX-RS's method annotations.
var jaxrsMethods = set("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH")

func (j *javaFile) springRoute(c *javaClass, a annotation, method, handler string) {
	paths, ok := j.paths(a)
	if !ok {
		j.unseen = append(j.unseen, j.ts[a.at].line)
		return
	}
	methods := []string{method}
	if method == "" {
		methods = j.requestMethods(a)
	}
	for _, m := range methods {
		j.add(c, a, m, paths, handler)
	}
}

func (j *javaFile) jaxrsRoute(c *javaClass, handler string) {
	var method *annotation
	for k, a := range j.pending {
		if jaxrsMethods[a.name] && a.args.to == 0 {
			method = &j.pending[k]
		}
	}
	if method == nil {
		return // a sub-resource locator, whose routes its returned class declares
	}
	paths := []string{""}
	if p := j.find("Path"); p != nil {
		var ok bool
		if paths, ok = j.paths(*p); !ok {
			j.unseen = append(j.unseen, j.ts[p.at].line)
			return
		}
	}
	j.add(c, *method, method.name, paths, handler)
}

// add records one route per class prefix and path.
func (j *javaFile) add(c *javaClass, a annotation, method string, paths []string,
	handler string) {
	for _, prefix := range c.prefixes {
		for _, p := range paths {
			j.routes = append(j.routes, route{
				method: method, path: rooted(joinPath(rooted(prefix), p)),
				framework: c.framework, handler: handler, line: j.ts[a.at].line,
				prefixUnknown: !c.known,
			})
		}
	}
}

// paths reads an annotation's path: its single argument, or its value or
// path attribute, each a string or an array of strings. No argument is the
// empty path.
func (j *javaFile) paths(a annotation) ([]string, bool) {
	if a.args.to == 0 || a.args.from == a.args.to {
		return []string{""}, true
	}
	args := j.attributes(a)
	value, ok := args["value"]
	if !ok {
		value, ok = args["path"]
	}
	if !ok {
		_, named := args[""]
		return []string{""}, !named
	}
	return j.stringValues(value)
}

// attributes splits an annotation's arguments by name; a lone unnamed
// argument is "value", as in Java.
func (j *javaFile) attributes(a annotation) map[string]span {
	ts := j.ts
	parts, _ := ts.args(a.args.from - 1)
	out := map[string]span{}
	for _, p := range parts {
		if ts.at(p.from).kind == tIdent && ts.punct(p.from+1, "=") {
			out[ts[p.from].text] = span{p.from + 2, p.to}
			continue
		}
		if len(parts) == 1 {
			out["value"] = p
		} else {
			out[""] = p
		}
	}
	return out
}

// stringValues reads "a", {"a", "b"} or ["a", "b"].
func (j *javaFile) stringValues(s span) ([]string, bool) {
	ts := j.ts
	if v, ok := ts.single(s); ok {
		return []string{v}, true
	}
	if !ts.punct(s.from, "{") && !ts.punct(s.from, "[") || ts.closing(s.from) != s.to-1 {
		return nil, false
	}
	items, _ := ts.args(s.from)
	var out []string
	for _, it := range items {
		v, ok := ts.single(it)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, len(out) > 0
}

// requestMethods reads RequestMapping's method attribute, RequestMethod.GET
// or a list of them; without it the mapping accepts every method.
func (j *javaFile) requestMethods(a annotation) []string {
	if a.args.to == 0 {
		return []string{anyMethod}
	}
	value, ok := j.attributes(a)["method"]
	if !ok {
		return []string{anyMethod}
	}
	var methods []string
	for k := value.from; k < value.to; k++ {
		t := j.ts[k]
		if t.kind == tIdent && httpMethods[t.text] {
			methods = append(methods, strings.ToUpper(t.text))
		}
	}
	if len(methods) == 0 {
		return []string{anyMethod}
	}
	return methods
}
