package routes

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// JSExtractor reads JavaScript and TypeScript files. The zero value is
// ready to use and safe for concurrent use.
type JSExtractor struct{}

// NewJS returns the extractor of routes registered in JavaScript and
// TypeScript code.
func NewJS() *JSExtractor { return &JSExtractor{} }

// Name implements extractors.Extractor.
func (*JSExtractor) Name() string { return "routes-js" }

var jsExtensions = set(".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")

// Match implements extractors.Extractor. Type declarations hold no code and
// test files register routes for the test, so both are left out.
func (*JSExtractor) Match(p string) bool {
	name := path.Base(p)
	if !jsExtensions[path.Ext(name)] || strings.HasSuffix(name, ".d.ts") {
		return false
	}
	return !strings.Contains(name, ".test.") && !strings.Contains(name, ".spec.")
}

// maxSourceLine is the longest line of a file written by hand; a longer one
// means the file is minified or generated, and its routes are those of
// another file.
const maxSourceLine = 1000

// jsMarkers are calls and decorators a file registering a route contains:
// a method name followed by its arguments or by TypeScript type arguments.
var jsMarkers = append(callMarkers("(", jsMarkerCalls...),
	append(callMarkers("<", jsMarkerCalls...), []byte("@Controller"))...)

var jsMarkerCalls = []string{".get", ".post", ".put", ".patch", ".delete", ".all",
	".options", ".head", ".use", ".route", ".register"}

// callMarkers returns each call name followed by open.
func callMarkers(open string, names ...string) [][]byte {
	markers := make([][]byte, 0, len(names))
	for _, n := range names {
		markers = append(markers, []byte(n+open))
	}
	return markers
}

// Extract implements extractors.Extractor. A minified file that could
// register routes is not read but reported, so the user knows its routes are
// missing; one without any route marker cannot hold routes and is skipped.
func (*JSExtractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	if !containsAny(f.Content, jsMarkers) {
		return nil, nil
	}
	if err := minified(f); err != nil {
		return nil, err
	}

	js := newJSFile(lexJS(f.Content), bytes.Contains(f.Content, []byte("@nestjs/")))
	js.bind()
	js.scan()
	return toItems(f.Path, js.routes()), js.unseen.err()
}

// minified returns the diagnostic of a minified or generated file, or nil for
// a file written by hand. Reading one would be slow and would find the routes
// of its source, which are read there.
func minified(f extractors.File) error {
	if line := firstLongLine(f.Content, maxSourceLine); line > 0 {
		return extractors.AtLine(line, fmt.Errorf(
			"minified or generated file (a line over %d characters): "+
				"routes in it are not read, only those in its source files", maxSourceLine))
	}
	if strings.HasSuffix(f.Path, ".min.js") {
		return extractors.AtLine(1, errors.New(
			"minified file (*.min.js): routes in it are not read, only those in its source files"))
	}
	return nil
}

// firstLongLine returns the 1-based number of the first line longer than
// limit bytes, or 0 when there is none.
func firstLongLine(content []byte, limit int) int {
	for line := 1; len(content) > 0; line++ {
		i := bytes.IndexByte(content, '\n')
		if i < 0 {
			i = len(content)
		}
		if i > limit {
			return line
		}
		content = content[min(i+1, len(content)):]
	}
	return 0
}

// jsFile is the state of reading one file.
type jsFile struct {
	ts      toks
	nest    bool              // the file imports NestJS
	modules map[string]string // local name to "express", "express.Router" or "fastify"
	routers map[string]*router
	others  map[string]bool // names bound to something that is not a router
	fastify bool            // the file imports fastify
	scoped  []scopedRouter  // Fastify plugin instances, within their function
	pending []routed
	unseen  unseen
}

func newJSFile(ts toks, nest bool) *jsFile {
	return &jsFile{ts: ts, nest: nest, modules: map[string]string{},
		routers: map[string]*router{}, others: map[string]bool{}}
}

func (js *jsFile) routes() []route { return resolveAll(js.pending) }

// bind reads the file's imports and variable declarations: which names
// are the express and fastify modules, which are routers made from them, and
// which are bound to anything else.
func (js *jsFile) bind() {
	ts := js.ts
	for i := range ts {
		switch {
		case ts.ident(i, "import") && !ts.punct(i-1, "."):
			js.bindImport(i)
		case (ts.ident(i, "const") || ts.ident(i, "let") || ts.ident(i, "var")) &&
			ts.at(i+1).kind == tIdent:
			js.bindVar(i + 1)
		case (ts.ident(i, "const") || ts.ident(i, "let") || ts.ident(i, "var")) &&
			ts.punct(i+1, "{"):
			js.bindDestructured(i + 1)
		}
	}
}

// moduleOf names the role of a module's default export.
func moduleOf(spec string) string {
	switch spec {
	case "express", "fastify":
		return spec
	}
	return ""
}

// bindImport reads import a, { b as c } from 'mod', import * as a from
// 'mod' and TypeScript's import a = require('mod').
func (js *jsFile) bindImport(i int) {
	ts := js.ts
	var names [][2]string // exported name, local name; "default" outside braces
	inBraces := false
	for j := i + 1; j < len(ts) && j < i+200; j++ {
		t := ts[j]
		switch {
		case t.kind == tString:
			js.bindModule(t.text, names)
			return
		case t.kind == tPunct && t.text == "=" && ts.ident(j+1, "require"):
			if spec, ok := ts.literal(j + 3); ok {
				js.bindModule(spec, names)
			}
			return
		case t.kind == tPunct && (t.text == ";" || t.text == "("):
			return
		case t.kind == tPunct && (t.text == "{" || t.text == "}"):
			inBraces = t.text == "{"
		case t.kind == tIdent && ts.ident(j+1, "as") && ts.at(j+2).kind == tIdent:
			names = append(names, [2]string{t.text, ts[j+2].text})
			j += 2
		case t.kind == tIdent && !jsImportWords[t.text] && inBraces:
			names = append(names, [2]string{t.text, t.text})
		case t.kind == tIdent && !jsImportWords[t.text]:
			names = append(names, [2]string{"default", t.text})
		}
	}
}

// jsImportWords are the words of an import clause that bind nothing.
var jsImportWords = set("from", "type", "typeof", "as")

// bindModule records what each imported name is: the express or fastify
// module, express's Router, or something else.
func (js *jsFile) bindModule(spec string, names [][2]string) {
	role := moduleOf(spec)
	js.fastify = js.fastify || role == "fastify"
	for _, n := range names {
		exported, local := n[0], n[1]
		switch {
		case role == "express" && exported == "Router":
			js.modules[local] = "express.Router"
		case role != "" && (exported == "default" || exported == role):
			js.modules[local] = role
		default:
			js.others[local] = true
		}
	}
}

// bindDestructured reads const { Router, json: parseJSON } = require('mod'),
// the brace at open.
func (js *jsFile) bindDestructured(open int) {
	ts := js.ts
	end := ts.closing(open)
	if !ts.punct(end+1, "=") || !ts.ident(end+2, "require") || !ts.punct(end+3, "(") {
		return
	}
	spec, ok := ts.literal(end + 4)
	if !ok {
		return
	}
	var names [][2]string
	for _, p := range ts.split(open+1, end) {
		exported, local := ts.at(p.from).text, ts.at(p.from).text
		if ts.punct(p.from+1, ":") {
			local = ts.at(p.from + 2).text
		}
		names = append(names, [2]string{exported, local})
	}
	js.bindModule(spec, names)
}

// bindVar reads const name[: Type] = value, the name at i.
func (js *jsFile) bindVar(i int) {
	ts := js.ts
	name := ts[i].text
	j := i + 1
	if ts.punct(j, ":") {
		for j < len(ts) && j < i+40 && !ts.punct(j, "=") && !ts.punct(j, ";") {
			j++
		}
	}
	if !ts.punct(j, "=") {
		return
	}
	j++
	if ts.ident(j, "require") && ts.punct(j+1, "(") && ts.punct(j+3, ")") {
		spec, _ := ts.literal(j + 2)
		if role := moduleOf(spec); role != "" && !ts.punct(j+4, "(") && !ts.punct(j+4, ".") {
			js.modules[name] = role
			js.fastify = js.fastify || role == "fastify"
			return
		}
	}
	if r := js.constructed(j); r != nil {
		js.routers[name] = r
		return
	}
	js.others[name] = true
}

// constructed returns the router made by the expression at j: express(),
// express.Router(), Router(), fastify() and the same through require().
func (js *jsFile) constructed(j int) *router {
	ts := js.ts
	if ts.ident(j, "new") {
		j++
	}
	role, next := "", j+1
	switch {
	case ts.ident(j, "require") && ts.punct(j+1, "(") && ts.punct(j+3, ")"):
		spec, _ := ts.literal(j + 2)
		role, next = moduleOf(spec), j+4
	case ts.at(j).kind == tIdent:
		role = js.modules[ts[j].text]
	}
	if role == "express" && ts.punct(next, ".") && ts.ident(next+1, "Router") {
		role, next = "express.Router", next+2
	}
	if !ts.punct(next, "(") {
		return nil
	}
	switch role {
	case "express":
		return &router{framework: "express", known: true, strong: true}
	case "express.Router":
		return &router{framework: "express", known: true, detached: true, strong: true}
	case "fastify":
		return &router{framework: "fastify", known: true, strong: true}
	}
	return nil
}
