package routes

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// PythonExtractor reads Python files. The zero value is ready to use and
// safe for concurrent use.
type PythonExtractor struct{}

// NewPython returns the extractor of routes registered in Python code.
func NewPython() *PythonExtractor { return &PythonExtractor{} }

// Name implements extractors.Extractor.
func (*PythonExtractor) Name() string { return "routes-python" }

// Match implements extractors.Extractor. Test modules are left out.
func (*PythonExtractor) Match(p string) bool {
	name := path.Base(p)
	if path.Ext(name) != ".py" || name == "conftest.py" {
		return false
	}
	return !strings.HasPrefix(name, "test_") && !strings.HasSuffix(name, "_test.py")
}

// pyMarkers are calls a Flask or FastAPI module registering routes makes.
var pyMarkers = [][]byte{
	[]byte(".route("), []byte(".get("), []byte(".post("), []byte(".put("),
	[]byte(".delete("), []byte(".patch("), []byte(".options("), []byte(".head("),
	[]byte(".trace("), []byte(".api_route("), []byte("add_url_rule("),
	[]byte("add_api_route("), []byte("register_blueprint("), []byte("include_router("),
	[]byte(".mount("),
}

// Extract implements extractors.Extractor.
func (*PythonExtractor) Extract(f extractors.File, repo extractors.Repo) (
	[]extractors.Item, error) {
	django := isDjangoURLConf(f.Path)
	if !django && !containsAny(f.Content, pyMarkers) {
		return nil, nil
	}

	py := newPyFile(lexPython(f.Content))
	py.bind()
	py.scan()
	routes := resolveAll(py.pending)
	if django {
		d := &djangoFile{ts: py.ts, root: isRootURLConf(f.Path, repo)}
		d.scan()
		routes = append(routes, d.routes...)
		py.unseen = append(py.unseen, d.unseen...)
	}
	return toItems(f.Path, routes), py.unseen.err()
}

// pyFile is the state of reading one Flask or FastAPI module.
type pyFile struct {
	ts        toks
	ctors     map[string]string // local name to Flask, Blueprint, FastAPI or APIRouter
	modules   map[string]string // local name of the flask or fastapi module
	routers   map[string]*router
	framework string // the one of flask and fastapi the file imports, if one
	pending   []routed
	unseen    unseen
}

func newPyFile(ts toks) *pyFile {
	return &pyFile{ts: ts, ctors: map[string]string{}, modules: map[string]string{},
		routers: map[string]*router{}}
}

// pyConstructors maps each known constructor to its framework.
var pyConstructors = map[string]string{
	"Flask": "flask", "Blueprint": "flask", "FastAPI": "fastapi", "APIRouter": "fastapi",
}

// bind reads the imports of flask and fastapi and the routers made with
// their constructors.
func (py *pyFile) bind() {
	ts := py.ts
	imported := map[string]bool{}
	for i := range ts {
		switch {
		case ts.ident(i, "from") && py.pyModule(i+1) != "" && ts.ident(i+2, "import"):
			imported[py.pyModule(i+1)] = true
			py.bindNames(i+3, py.pyModule(i+1))
		case ts.ident(i, "import") && py.pyModule(i+1) != "":
			imported[py.pyModule(i+1)] = true
			local := ts[i+1].text
			if ts.ident(i+2, "as") {
				local = ts.at(i + 3).text
			}
			py.modules[local] = py.pyModule(i + 1)
		case ts.at(i).kind == tIdent && ts.at(i+1).kind == tPunct &&
			(ts[i+1].text == "=" || ts[i+1].text == ":") && !ts.punct(i-1, "."):
			py.bindVar(i)
		}
	}
	if imported["flask"] != imported["fastapi"] {
		py.framework = "flask"
		if imported["fastapi"] {
			py.framework = "fastapi"
		}
	}
}

// pyModule returns flask or fastapi when the name at i is that module.
func (py *pyFile) pyModule(i int) string {
	t := py.ts.at(i)
	if t.kind == tIdent && (t.text == "flask" || t.text == "fastapi") {
		return t.text
	}
	return ""
}

// bindNames reads the names of from module import A, B as C, (D).
func (py *pyFile) bindNames(i int, module string) {
	ts := py.ts
	line := ts.at(i).line
	paren := ts.punct(i, "(")
	for j := i; j < len(ts) && (paren || ts[j].line == line); j++ {
		if ts.punct(j, ")") {
			return
		}
		if ts.at(j).kind != tIdent || ts.ident(j, "as") {
			continue
		}
		local := ts[j].text
		if ts.ident(j+1, "as") {
			local = ts.at(j + 2).text
		}
		if pyConstructors[ts[j].text] == module {
			py.ctors[local] = ts[j].text
		}
		if ts.ident(j+1, "as") {
			j += 2
		}
	}
}

// bindVar reads name[: Type] = Constructor(...), the name at i.
func (py *pyFile) bindVar(i int) {
	ts := py.ts
	j := i + 1
	if ts.punct(j, ":") {
		for j < len(ts) && ts[j].line == ts[i].line && !ts.punct(j, "=") {
			j++
		}
	}
	if !ts.punct(j, "=") || ts.punct(j+1, "=") {
		return
	}
	j++
	ctor := py.ctors[ts.at(j).text]
	if py.modules[ts.at(j).text] != "" && ts.punct(j+1, ".") {
		j += 2
		if pyConstructors[ts.at(j).text] != "" {
			ctor = ts[j].text
		}
	}
	if ctor == "" || !ts.punct(j+1, "(") {
		return
	}
	py.routers[ts[i].text] = py.construct(ctor, j+1)
}

// construct makes the router of a constructor call whose "(" is at open.
func (py *pyFile) construct(ctor string, open int) *router {
	r := &router{framework: pyConstructors[ctor], known: true, strong: true}
	key := map[string]string{"Blueprint": "url_prefix", "APIRouter": "prefix"}[ctor]
	if key == "" {
		return r
	}
	// A blueprint or router is served wherever it is included, so even one
	// with its own prefix has a full path only once a root app includes it.
	r.detached = true
	args, _ := py.ts.args(open)
	value, ok := py.kwarg(args, key)
	if !ok {
		return r
	}
	if p, ok := py.ts.single(value); ok {
		r.prefix = p
	} else {
		r.known = false
	}
	return r
}

// kwarg returns the value of the keyword argument name.
func (py *pyFile) kwarg(args []span, name string) (span, bool) {
	for _, a := range args {
		if py.ts.ident(a.from, name) && py.ts.punct(a.from+1, "=") && a.from+2 < a.to {
			return span{a.from + 2, a.to}, true
		}
	}
	return span{}, false
}

// positional returns the n-th argument that is not a keyword argument.
func (py *pyFile) positional(args []span, n int) (span, bool) {
	for _, a := range args {
		if py.ts.at(a.from).kind == tIdent && py.ts.punct(a.from+1, "=") {
			continue
		}
		if n == 0 {
			return a, true
		}
		n--
	}
	return span{}, false
}
