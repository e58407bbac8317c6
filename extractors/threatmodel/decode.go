package threatmodel

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxProblems is how many problems a LoadError lists. A file with more is
// usually broken in one way that repeats, and a wall of text hides that.
const MaxProblems = 20

// Problem is one thing wrong with a file. Line and Column are 1-based; either
// is 0 when the parser did not say, and Field is empty for problems that are
// not about one field (a syntax error, an empty file).
type Problem struct {
	Path    string
	Line    int
	Column  int
	Field   string // e.g. threats[2].severity
	Message string // what is wrong, then what was expected in parentheses
}

// String formats p as "path:line:column: field: message", leaving out the
// parts p does not have, so editors and CI logs can link to the position.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// LoadError is every problem found in one file, in order of position.
type LoadError struct {
	Problems []Problem // at most MaxProblems
	More     int       // problems found beyond MaxProblems and not listed
}

// Error lists the problems one per line.
func (e *LoadError) Error() string {
	lines := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		lines = append(lines, p.String())
	}
	if e.More > 0 && len(e.Problems) > 0 {
		lines = append(lines, fmt.Sprintf("%s: %d more problems not shown",
			e.Problems[0].Path, e.More))
	}
	return strings.Join(lines, "\n")
}

// Decoder walks one parsed YAML or JSON file and collects every problem it
// finds instead of stopping at the first, so that one run shows a person all
// there is to fix. Typical use:
//
//	d := NewDecoder(path)
//	f := d.Fields(d.Document(data), "", "version", "rules")
//	f.Require("version")
//	version, _ := f.Int("version")
//	if err := d.Err(); err != nil { ... }
type Decoder struct {
	path     string
	problems []Problem
}

// NewDecoder returns a Decoder for the file at path. The path appears in
// every problem; its extension decides whether Document reads JSON or YAML.
func NewDecoder(path string) *Decoder {
	return &Decoder{path: path}
}

// Problemf records a problem about field at node n. A nil n records it
// against the file as a whole.
func (d *Decoder) Problemf(n *yaml.Node, field, format string, args ...any) {
	p := Problem{Path: d.path, Field: field, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		p.Line, p.Column = n.Line, n.Column
	}
	d.problems = append(d.problems, p)
}

// Err returns nil when no problem was recorded, and otherwise a *LoadError
// with the problems sorted by position.
func (d *Decoder) Err() error {
	if len(d.problems) == 0 {
		return nil
	}

	problems := slices.Clone(d.problems)
	slices.SortStableFunc(problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})

	e := &LoadError{Problems: problems}
	if len(problems) > MaxProblems {
		e.Problems, e.More = problems[:MaxProblems], len(problems)-MaxProblems
	}
	return e
}

// Document parses data as a single YAML document, or as JSON when the path
// ends in .json, and returns its root node. It records a problem and returns
// nil when the data is not valid, is empty, or holds more than one document.
func (d *Decoder) Document(data []byte) *yaml.Node {
	if len(bytes.TrimSpace(data)) == 0 {
		d.Problemf(nil, "", "file is empty (expected a mapping)")
		return nil
	}

	var shifts []columnShift
	if isJSON(d.path) {
		if !d.checkJSON(data) {
			return nil
		}
		data, shifts = jsonForYAML(data)
	}

	root := d.singleDocument(data)
	if root == nil {
		return nil
	}
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		d.Problemf(nil, "", "file is empty (expected a mapping)")
		return nil
	}
	restoreColumns(root, shifts)
	return root
}

// singleDocument returns the content of the only document in data.
func (d *Decoder) singleDocument(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.Problemf(nil, "", "file is empty (expected a mapping)")
		} else {
			d.syntaxProblem(err)
		}
		return nil
	}

	var next yaml.Node
	err := dec.Decode(&next)
	switch {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.syntaxProblem(err)
		return nil
	default:
		d.Problemf(&next, "", "a second YAML document starts here (expected one document)")
		return nil
	}

	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		d.Problemf(&doc, "", "not a YAML document (expected a mapping)")
		return nil
	}
	return doc.Content[0]
}

// yamlErrorLine picks the line out of yaml.v3's syntax errors, which carry
// no column.
var yamlErrorLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (d *Decoder) syntaxProblem(err error) {
	p := Problem{Path: d.path, Message: strings.TrimPrefix(err.Error(), "yaml: ")}
	if m := yamlErrorLine.FindStringSubmatch(err.Error()); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		p.Message = m[2]
	}
	p.Message = "invalid YAML: " + p.Message
	d.problems = append(d.problems, p)
}

// checkJSON reports a JSON syntax error with its position. YAML accepts
// things JSON does not (comments, single quotes, trailing text), and a .json
// file should be JSON that any other tool can read.
func (d *Decoder) checkJSON(data []byte) bool {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	if err == nil {
		return true
	}

	p := Problem{Path: d.path, Message: "invalid JSON: " + err.Error()}
	if syntax, ok := errors.AsType[*json.SyntaxError](err); ok {
		p.Line, p.Column = position(data, int(syntax.Offset))
	}
	d.problems = append(d.problems, p)
	return false
}

// position turns the offset after which encoding/json stopped into the line
// and column of the offending character.
func position(data []byte, offset int) (line, column int) {
	offset = min(max(offset-1, 0), len(data))
	before := data[:offset]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	line = bytes.Count(before, []byte("\n")) + 1
	column = len([]rune(string(before[lineStart:]))) + 1
	return line, column
}

// isJSON reports whether path names a JSON file rather than a YAML one.
func isJSON(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".json")
}
