package routes

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// CSharpExtractor reads C# files. The zero value is ready to use and safe
// for concurrent use.
type CSharpExtractor struct{}

// NewCSharp returns the extractor of routes declared by ASP.NET Core in C#
// code: minimal APIs and attribute-routed controllers.
func NewCSharp() *CSharpExtractor { return &CSharpExtractor{} }

// Name implements extractors.Extractor.
func (*CSharpExtractor) Name() string { return "routes-csharp" }

// Match implements extractors.Extractor. Test projects register routes for
// their tests, and obj/ and bin/ hold what the build generated.
func (*CSharpExtractor) Match(p string) bool {
	if path.Ext(p) != ".cs" {
		return false
	}
	dirs := strings.Split(path.Dir(p), "/")
	for _, d := range dirs {
		lower := strings.ToLower(d)
		if lower == "test" || lower == "tests" || lower == "obj" || lower == "bin" ||
			strings.HasSuffix(lower, ".tests") || strings.HasSuffix(lower, ".test") {
			return false
		}
	}
	return true
}

// csMarkers are what a file declaring a route contains: a Map call of
// minimal APIs, or a routing attribute.
var csMarkers = [][]byte{[]byte(".Map"), []byte("Http"), []byte("Route"),
	[]byte("AcceptVerbs")}

// Extract implements extractors.Extractor.
func (*CSharpExtractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	if !containsAny(f.Content, csMarkers) {
		return nil, nil
	}
	cs := &csFile{ts: lexCSharp(f.Content), names: map[string]*router{},
		builders: map[string]bool{}, calls: map[int]*router{}}
	cs.scanControllers()
	cs.scanMinimal()
	return toItems(f.Path, append(cs.routes, resolveAll(cs.minimal)...)), cs.unseen.err()
}

// csFile is the state of reading one file.
type csFile struct {
	ts toks

	// controllers
	pending []csAttr // attributes since the last declaration
	bodies  classBodies[csClass]
	routes  []route

	// minimal APIs
	names       map[string]*router // variables holding an application or group
	builders    map[string]bool    // variables holding a WebApplicationBuilder
	calls       map[int]*router    // group a call evaluates to, by its closing parenthesis
	branchDepth []int              // branching calls around each token, once counted
	minimal     []routed

	unseen unseen
}

// csAttr is one attribute with the span of its arguments, empty when it has
// none.
type csAttr struct {
	name string // without its namespace and its Attribute suffix
	args span
	at   int // index of the name
}

// attributeList reads [A, B(...)] or [target: A], the bracket at i, and
// returns the index of its closing bracket.
func (cs *csFile) attributeList(i int) int {
	ts := cs.ts
	end := ts.closing(i)
	from := i + 1
	if ts.at(from).kind == tIdent && ts.punct(from+1, ":") {
		from += 2
	}
	for _, s := range ts.split(from, end) {
		k := s.from
		for ts.punct(k+1, ".") && ts.at(k+2).kind == tIdent {
			k += 2
		}
		if ts.at(k).kind != tIdent {
			continue
		}
		a := csAttr{name: strings.TrimSuffix(ts[k].text, "Attribute"), at: k}
		if ts.punct(k+1, "(") {
			a.args = span{k + 2, ts.closing(k + 1)}
		}
		cs.pending = append(cs.pending, a)
	}
	return end
}

// attributeStart reports whether the bracket at i opens an attribute list
// rather than an index or an array type: one starts a declaration, after a
// statement, a brace or another attribute list, and holds a name.
func (ts toks) attributeStart(i int) bool {
	if !ts.punct(i, "[") || ts.at(i+1).kind != tIdent {
		return false
	}
	prev := ts.at(i - 1)
	return i == 0 || prev.kind == tPunct &&
		(prev.text == ";" || prev.text == "{" || prev.text == "}" || prev.text == "]")
}

// find returns the pending attributes of a name.
func (cs *csFile) find(name string) []csAttr {
	var out []csAttr
	for _, a := range cs.pending {
		if a.name == name {
			out = append(out, a)
		}
	}
	return out
}

// attrArgs returns the positional arguments of an attribute and its named
// ones (name = value, or name: value for a constructor parameter).
func (ts toks) attrArgs(a csAttr) (positional []span, named map[string]span) {
	named = map[string]span{}
	if a.args.to == 0 {
		return nil, named
	}
	for _, s := range ts.split(a.args.from, a.args.to) {
		if ts.at(s.from).kind == tIdent && (ts.punct(s.from+1, "=") || ts.punct(s.from+1, ":")) {
			named[ts[s.from].text] = span{s.from + 2, s.to}
			continue
		}
		positional = append(positional, s)
	}
	return positional, named
}
