package keyline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/tms-dev/tms/extractors"
)

// maxJSONDepth bounds the nesting the indexer follows. Manifests and
// lockfiles nest a handful of levels; the bound keeps a hostile file from
// growing the walk's stack without end.
const maxJSONDepth = 1000

// ParseJSON decodes a JSON document whose top level is an object. A syntax
// error is returned at its line, with no document.
func ParseJSON(data []byte) (*Document, error) {
	lines := newLineTable(data)
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, jsonError(err, lines)
	}
	if root == nil {
		return nil, extractors.AtLine(1, errors.New("parse json: top level is not an object"))
	}

	ix := &jsonIndexer{data: data, dec: json.NewDecoder(bytes.NewReader(data)),
		table: lines, lines: paths{}}
	if err := ix.value(nil, 0); err != nil {
		return nil, jsonError(err, lines)
	}
	return &Document{Root: root, lines: ix.lines}, nil
}

// jsonIndexer walks the token stream, recording the line of every object key
// and array element.
type jsonIndexer struct {
	data  []byte
	dec   *json.Decoder
	table lineTable
	lines paths
}

// value reads one value whose first token is next in the stream.
func (ix *jsonIndexer) value(path []string, depth int) error {
	tok, err := ix.dec.Token()
	if err != nil {
		return err
	}
	delim, ok := tok.(json.Delim)
	if !ok || delim == '}' || delim == ']' {
		return nil
	}
	if depth >= maxJSONDepth {
		return fmt.Errorf("values nested more than %d deep", maxJSONDepth)
	}
	if delim == '{' {
		return ix.object(path, depth)
	}
	return ix.array(path, depth)
}

func (ix *jsonIndexer) object(path []string, depth int) error {
	for ix.dec.More() {
		tok, err := ix.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		keyPath := child(path, key)
		ix.lines.record(keyPath, ix.here())
		if err := ix.value(keyPath, depth+1); err != nil {
			return err
		}
	}
	_, err := ix.dec.Token()
	return err
}

func (ix *jsonIndexer) array(path []string, depth int) error {
	for i := 0; ix.dec.More(); i++ {
		elemPath := child(path, strconv.Itoa(i))
		ix.lines.record(elemPath, ix.next())
		if err := ix.value(elemPath, depth+1); err != nil {
			return err
		}
	}
	_, err := ix.dec.Token()
	return err
}

// here is the line of the token just read: the decoder's offset is right
// after it, and JSON tokens other than whitespace never span lines.
func (ix *jsonIndexer) here() int {
	return ix.table.line(max(int(ix.dec.InputOffset())-1, 0))
}

// next is the line of the token about to be read: the decoder's offset is
// right after the previous token, before the comma and whitespace.
func (ix *jsonIndexer) next() int {
	rest := ix.data[min(int(ix.dec.InputOffset()), len(ix.data)):]
	trimmed := bytes.TrimLeft(rest, " \t\r\n,")
	return ix.table.line(len(ix.data) - len(trimmed))
}

func jsonError(err error, lines lineTable) error {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return extractors.AtLine(lines.line(int(max(syntax.Offset-1, 0))),
			fmt.Errorf("parse json: %w", err))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return extractors.AtLine(max(len(lines), 1), errors.New("parse json: unexpected end"))
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return extractors.AtLine(1, errors.New("parse json: top level is not an object"))
	}
	return fmt.Errorf("parse json: %w", err)
}
