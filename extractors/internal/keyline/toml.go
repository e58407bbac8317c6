package keyline

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/tms-dev/tms/extractors"
)

// ParseTOML decodes a TOML document. An error that the parser places is
// returned at its line, with no document.
func ParseTOML(data []byte) (*Document, error) {
	lines, err := indexTOML(data)
	if err != nil {
		return nil, err
	}

	root := map[string]any{}
	if err := toml.Unmarshal(data, &root); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, extractors.AtLine(max(row, 1), fmt.Errorf("parse toml: %w", err))
		}
		return nil, fmt.Errorf("parse toml: %w", err)
	}
	return &Document{Root: root, lines: lines}, nil
}

// tomlIndexer records where keys are written while walking the AST.
type tomlIndexer struct {
	data   []byte
	table  lineTable
	lines  paths
	arrays map[string]int // joined path of an array of tables to its length
}

func indexTOML(data []byte) (paths, error) {
	ix := &tomlIndexer{data: data, table: newLineTable(data), lines: paths{},
		arrays: map[string]int{}}

	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		expr := p.Expression()
		switch expr.Kind {
		case unstable.Table:
			table = ix.resolve(keyParts(expr))
			ix.lines.record(table, ix.keyLine(expr))
		case unstable.ArrayTable:
			table = ix.appendTable(keyParts(expr), ix.keyLine(expr))
		case unstable.KeyValue:
			ix.keyValue(table, expr)
		}
	}
	if err := p.Error(); err != nil {
		return nil, ix.syntaxError(err)
	}
	return ix.lines, nil
}

// resolve turns a header's dotted key into a path: a part naming an array of
// tables stands for its last element, as TOML defines it.
func (ix *tomlIndexer) resolve(parts []string) []string {
	var path []string
	for _, part := range parts {
		path = child(path, part)
		if n := ix.arrays[join(path)]; n > 0 {
			path = child(path, strconv.Itoa(n-1))
		}
	}
	return path
}

// appendTable starts the next element of an array of tables.
func (ix *tomlIndexer) appendTable(parts []string, line int) []string {
	path := child(ix.resolve(parts[:len(parts)-1]), parts[len(parts)-1])
	n := ix.arrays[join(path)]
	ix.arrays[join(path)] = n + 1
	ix.lines.record(path, line)

	path = child(path, strconv.Itoa(n))
	ix.lines.record(path, line)
	return path
}

// keyValue records a key, the tables its dotted parts open, and inside its
// value the keys of inline tables and the elements of arrays.
func (ix *tomlIndexer) keyValue(table []string, kv *unstable.Node) {
	line := ix.keyLine(kv)
	path := table
	for _, part := range keyParts(kv) {
		path = child(path, part)
		ix.lines.record(path, line)
	}
	ix.value(path, kv.Value(), line)
}

func (ix *tomlIndexer) value(path []string, v *unstable.Node, line int) {
	switch v.Kind {
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			if kv := it.Node(); kv.Kind == unstable.KeyValue {
				ix.keyValue(path, kv)
			}
		}
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); {
			elem := it.Node()
			if elem.Kind == unstable.Comment {
				continue
			}
			at := line
			if elem.Raw.Length > 0 {
				at = ix.table.line(int(elem.Raw.Offset))
			}
			elemPath := child(path, strconv.Itoa(i))
			ix.lines.record(elemPath, at)
			ix.value(elemPath, elem, at)
			i++
		}
	}
}

func keyParts(n *unstable.Node) []string {
	var parts []string
	for it := n.Key(); it.Next(); {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

// keyLine is the line of the first part of a node's key.
func (ix *tomlIndexer) keyLine(n *unstable.Node) int {
	it := n.Key()
	if !it.Next() {
		return 1
	}
	return ix.table.line(int(it.Node().Raw.Offset))
}

// syntaxError places a parser error on the line of the bytes it highlights,
// which share the document's backing array.
func (ix *tomlIndexer) syntaxError(err error) error {
	var pe *unstable.ParserError
	if !errors.As(err, &pe) {
		return fmt.Errorf("parse toml: %w", err)
	}
	line := 1
	offset := cap(ix.data) - cap(pe.Highlight)
	if pe.Highlight != nil && offset >= 0 && offset <= len(ix.data) {
		line = ix.table.line(offset)
	}
	return extractors.AtLine(line, fmt.Errorf("parse toml: %s", pe.Message))
}
