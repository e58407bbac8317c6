package dotnet

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// element is an XML element with what the extractor needs of it.
type element struct {
	name     string
	attrs    map[string]string // by local name
	text     string            // character data directly inside, trimmed
	line     int
	children []*element
}

// child returns the first child element named name, or nil.
func (e *element) child(name string) *element {
	for _, c := range e.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// value reads a setting MSBuild accepts either as an attribute or as a child
// element of the same name; the attribute is checked first.
func (e *element) value(name string) (string, bool) {
	if v, ok := e.attrs[name]; ok {
		return v, true
	}
	if c := e.child(name); c != nil {
		return c.text, true
	}
	return "", false
}

// parseXML builds the element tree of a document. On a syntax error it
// returns the tree read so far, with the error placed on its line.
func parseXML(data []byte, file string) (*element, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	dec.Entity = xml.HTMLEntity

	var root *element
	var stack []*element
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if root == nil {
				return nil, extractors.AtLine(1, fmt.Errorf("parse %s: no root element", file))
			}
			return root, nil
		}
		if err != nil {
			return root, syntaxError(dec, file, err)
		}

		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := dec.InputPos()
			e := &element{name: t.Name.Local, attrs: xmlAttrs(t.Attr), line: line}
			if len(stack) == 0 {
				root = e
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, e)
			}
			stack = append(stack, e)
			text.Reset()
		case xml.EndElement:
			top := stack[len(stack)-1]
			top.text = strings.TrimSpace(text.String())
			stack = stack[:len(stack)-1]
			text.Reset()
		case xml.CharData:
			text.Write(t)
		}
	}
}

func xmlAttrs(attrs []xml.Attr) map[string]string {
	m := make(map[string]string, len(attrs))
	for _, a := range attrs {
		if a.Name.Space != "xmlns" {
			m[a.Name.Local] = strings.TrimSpace(a.Value)
		}
	}
	return m
}

func syntaxError(dec *xml.Decoder, file string, err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return extractors.AtLine(max(syn.Line, 1), fmt.Errorf("parse %s: %s", file, syn.Msg))
	}
	line, _ := dec.InputPos()
	return extractors.AtLine(max(line, 1), fmt.Errorf("parse %s: %w", file, err))
}
