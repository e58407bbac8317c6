package routes

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// JavaExtractor reads Java and Kotlin files. The zero value is ready to use
// and safe for concurrent use.
type JavaExtractor struct{}

// NewJava returns the extractor of routes declared by Spring and JAX-RS
// annotations in Java and Kotlin code.
func NewJava() *JavaExtractor { return &JavaExtractor{} }

// Name implements extractors.Extractor.
func (*JavaExtractor) Name() string { return "routes-java" }

// Match implements extractors.Extractor. Sources under a src/test tree are
// tests, and left out.
func (*JavaExtractor) Match(p string) bool {
	ext := path.Ext(p)
	if ext != ".java" && ext != ".kt" {
		return false
	}
	return !strings.HasPrefix(p, "src/test/") && !strings.Contains(p, "/src/test/")
}

// javaMarkers are the annotations a controller or resource class carries.
var javaMarkers = [][]byte{[]byte("@RestController"), []byte("@Controller"), []byte("@Path")}

// Extract implements extractors.Extractor.
func (*JavaExtractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	if !containsAny(f.Content, javaMarkers) {
		return nil, nil
	}
	j := &javaFile{ts: lexJava(f.Content, path.Ext(f.Path) == ".kt")}
	j.scan()
	return toItems(f.Path, j.routes), j.unseen.err()
}

// annotation is one annotation with the span of its arguments, empty when
// it has none.
type annotation struct {
	name string
	args span
	at   int // index of the name
}

// javaClass is a controller or resource class whose body is open.
type javaClass struct {
	framework string // spring, jax-rs, or "" for a class that is neither
	prefixes  []string
	known     bool
}

// javaFile is the state of reading one file.
type javaFile struct {
	ts      toks
	pending []annotation // since the last declaration
	bodies  classBodies[javaClass]
	routes  []route
	unseen  unseen
}

func (j *javaFile) scan() {
	ts := j.ts
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		switch {
		case ts.punct(i, "@") && ts.at(i+1).kind == tIdent && !ts.ident(i+1, "interface"):
			i = j.annotation(i + 1)
		case t.kind == tPunct && t.text == "{":
			j.bodies.openBrace()
			j.pending = nil
		case t.kind == tPunct && t.text == "}":
			j.bodies.closeBrace()
			j.pending = nil
		case t.kind == tPunct && (t.text == ";" || t.text == "="):
			j.pending = nil
		case (ts.ident(i, "class") || ts.ident(i, "interface")) && !ts.punct(i-1, "."):
			j.declareClass()
		case t.kind == tIdent && ts.punct(i+1, "("):
			j.member(i)
		}
	}
}

// annotation reads @name or @qualified.name with its arguments, and
// returns the index of its last token.
func (j *javaFile) annotation(i int) int {
	ts := j.ts
	for ts.punct(i+1, ".") && ts.at(i+2).kind == tIdent {
		i += 2
	}
	a := annotation{name: ts[i].text, at: i}
	end := i
	if ts.punct(i+1, "(") {
		a.args.from = i + 2
		end = ts.closing(i + 1)
		a.args.to = end
	}
	j.pending = append(j.pending, a)
	return end
}

// declareClass reads the annotations of a class: @RestController or
// @Controller with @RequestMapping for Spring, @Path for JAX-RS.
func (j *javaFile) declareClass() {
	c := &javaClass{prefixes: []string{""}, known: true}
	for _, a := range j.pending {
		switch a.name {
		case "RestController", "Controller":
			c.framework = "spring"
		}
	}
	if c.framework == "" && j.find("Path") != nil {
		c.framework = "jax-rs"
	}
	mapping := j.find(map[string]string{"spring": "RequestMapping", "jax-rs": "Path"}[c.framework])
	if mapping != nil {
		if paths, ok := j.paths(*mapping); ok {
			c.prefixes = paths
		} else {
			c.known = false
		}
	}
	j.bodies.declare(c)
	j.pending = nil
}

func (j *javaFile) find(name string) *annotation {
	for k := range j.pending {
		if j.pending[k].name == name {
			return &j.pending[k]
		}
	}
	return nil
}

// member reads the annotations of a method, its name at i.
func (j *javaFile) member(i int) {
	c := j.bodies.current()
	if c == nil || len(j.pending) == 0 {
		return
	}
	switch c.framework {
	case "spring":
		for _, a := range j.pending {
			if method, ok := springMappings[a.name]; ok {
				j.springRoute(c, a, method, j.ts[i].text)
			}
		}
	case "jax-rs":
		j.jaxrsRoute(c, j.ts[i].text)
	}
	j.pending = nil
}
