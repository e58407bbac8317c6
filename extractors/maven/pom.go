package maven

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tms-dev/tms/extractors"
)

// declaration is one <dependency> element, or the <parent> element, with its
// fields as written.
type declaration struct {
	group, artifact, version string
	scope, systemPath        string
	relativePath             string
	hasRelativePath          bool
	line                     int
}

// pom is what one pom.xml says about its coordinates and dependencies.
type pom struct {
	group, artifact, version string
	parent                   *declaration
	modules                  []string // <modules>, folders relative to the pom
	properties               map[string]string
	dependencies             []declaration // project and profile <dependencies>
	managed                  []declaration // <dependencyManagement>
}

// dependencyLists are the element paths of <dependencies> lists, each with
// whether its entries are dependencies (true) or managed versions (false).
// Plugin dependencies are left out: they extend the build, not the product.
var dependencyLists = map[string]bool{
	"project/dependencies":                                       true,
	"project/profiles/profile/dependencies":                      true,
	"project/dependencyManagement/dependencies":                  false,
	"project/profiles/profile/dependencyManagement/dependencies": false,
}

// reader walks the element tree of a pom, keeping the path of open elements.
type reader struct {
	dec     *xml.Decoder
	pom     *pom
	path    []string
	text    strings.Builder
	sawRoot bool

	current *declaration // the <dependency> or <parent> being read
	depth   int          // len(path) while inside current's element
	inList  bool         // whether current belongs to a <dependencies> list
	managed bool
}

// parsePom reads a pom.xml. On a syntax error it returns what it read before
// the error along with the error, placed on its line.
func parsePom(data []byte) (*pom, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	dec.Entity = xml.HTMLEntity
	r := &reader{dec: dec, pom: &pom{properties: map[string]string{}}}

	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if !r.sawRoot {
				return r.pom, extractors.AtLine(1, errors.New("no <project> element"))
			}
			return r.pom, nil
		}
		if err != nil {
			return r.pom, syntaxError(dec, err)
		}
		if err := r.token(tok); err != nil {
			return r.pom, err
		}
	}
}

func (r *reader) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return r.start(t.Name.Local)
	case xml.EndElement:
		r.end()
	case xml.CharData:
		r.text.Write(t)
	}
	return nil
}

func (r *reader) start(name string) error {
	if len(r.path) == 0 {
		if name != "project" {
			line, _ := r.dec.InputPos()
			return extractors.AtLine(line, fmt.Errorf("root element is <%s>, not <project>", name))
		}
		r.sawRoot = true
	}

	parent := r.joined()
	r.path = append(r.path, name)
	r.text.Reset()

	line, _ := r.dec.InputPos()
	switch {
	case name == "dependency" && r.current == nil:
		if direct, ok := dependencyLists[parent]; ok {
			r.current, r.inList, r.managed = &declaration{line: line}, true, !direct
			r.depth = len(r.path)
		}
	case name == "parent" && parent == "project" && r.pom.parent == nil:
		r.current, r.inList, r.depth = &declaration{line: line}, false, len(r.path)
	}
	return nil
}

func (r *reader) end() {
	if len(r.path) == 0 {
		return
	}
	name := r.path[len(r.path)-1]
	r.path = r.path[:len(r.path)-1]
	parent := r.joined()
	text := strings.TrimSpace(r.text.String())
	r.text.Reset()

	switch {
	case r.current != nil && len(r.path) == r.depth-1:
		r.finish()
	case r.current != nil && len(r.path) == r.depth:
		r.current.set(name, text)
	case parent == "project":
		r.pom.setCoordinate(name, text)
	case parent == "project/properties":
		r.pom.properties[name] = text
	case parent == "project/modules" && name == "module" && text != "":
		r.pom.modules = append(r.pom.modules, text)
	}
}

// maxPathDepth is deeper than any element the reader looks for. Paths below
// it are not joined, so a hostile nesting costs linear time, not quadratic.
const maxPathDepth = 8

// joined is the path of open elements, or "" below maxPathDepth.
func (r *reader) joined() string {
	if len(r.path) > maxPathDepth {
		return ""
	}
	return strings.Join(r.path, "/")
}

func (r *reader) finish() {
	d := *r.current
	switch {
	case !r.inList:
		r.pom.parent = &d
	case r.managed:
		r.pom.managed = append(r.pom.managed, d)
	default:
		r.pom.dependencies = append(r.pom.dependencies, d)
	}
	r.current = nil
}

func (d *declaration) set(field, text string) {
	switch field {
	case "groupId":
		d.group = text
	case "artifactId":
		d.artifact = text
	case "version":
		d.version = text
	case "scope":
		d.scope = text
	case "systemPath":
		d.systemPath = text
	case "relativePath":
		d.relativePath, d.hasRelativePath = text, true
	}
}

func (p *pom) setCoordinate(field, text string) {
	switch field {
	case "groupId":
		p.group = text
	case "artifactId":
		p.artifact = text
	case "version":
		p.version = text
	}
}

// syntaxError places a decoder error on its line.
func syntaxError(dec *xml.Decoder, err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return extractors.AtLine(max(syn.Line, 1), fmt.Errorf("parse pom.xml: %s", syn.Msg))
	}
	line, _ := dec.InputPos()
	return extractors.AtLine(max(line, 1), fmt.Errorf("parse pom.xml: %w", err))
}

// charsetReader accepts the encodings poms declare besides UTF-8. Latin-1
// maps each byte to the code point of the same value.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso_8859-1":
		data, err := io.ReadAll(input)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(data))
		for _, b := range data {
			out = utf8.AppendRune(out, rune(b))
		}
		return bytes.NewReader(out), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}
