package dotnet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// lockEntry is one package of a packages.lock.json.
type lockEntry struct {
	Type        string `json:"type"` // Direct, Transitive, CentralTransitive or Project
	Requested   string `json:"requested"`
	Resolved    string `json:"resolved"`
	ContentHash string `json:"contentHash"`

	name string
	line int
}

// lockfile holds the entries of a packages.lock.json by lowercase name. A
// package resolved for several target frameworks keeps its first entry.
type lockfile struct {
	entries map[string]*lockEntry
	order   []string // lowercase names in file order
}

// lockReader walks the JSON tokens of a lockfile, counting lines as the
// decoder's offset grows, so that the whole read stays linear.
type lockReader struct {
	data []byte
	dec  *json.Decoder
	off  int64
	line int
}

func (r *lockReader) lineNow() int {
	off := r.dec.InputOffset()
	r.line += bytes.Count(r.data[r.off:off], []byte("\n"))
	r.off = off
	return r.line
}

// readLock reads a packages.lock.json: {"dependencies": {framework:
// {package: entry}}}. Errors carry the line they happened on.
func readLock(data []byte) (*lockfile, error) {
	r := &lockReader{data: data, dec: json.NewDecoder(bytes.NewReader(data)), line: 1}
	l := &lockfile{entries: map[string]*lockEntry{}}
	err := r.object(func(key string) error {
		if key != "dependencies" {
			return r.skip()
		}
		return r.object(func(string) error {
			return r.object(func(name string) error { return r.entry(l, name) })
		})
	})
	if err != nil {
		return l, r.fail(err)
	}
	return l, nil
}

func (r *lockReader) entry(l *lockfile, name string) error {
	e := &lockEntry{name: name, line: r.lineNow()}
	err := r.dec.Decode(e)
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Errorf("package %q: %w", name, err)
	}
	if err != nil {
		return err
	}
	key := strings.ToLower(name)
	if _, seen := l.entries[key]; !seen && e.Type != "Project" {
		l.entries[key] = e
		l.order = append(l.order, key)
	}
	return nil
}

// object reads a JSON object, calling each for every key with the decoder
// placed before the key's value.
func (r *lockReader) object(each func(key string) error) error {
	tok, err := r.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("expected an object, found %v", tok)
	}
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return err
		}
		key, ok := tok.(string)
		if !ok {
			return fmt.Errorf("object key %v is not a string", tok)
		}
		if err := each(key); err != nil {
			return err
		}
	}
	_, err = r.dec.Token()
	return err
}

// skip consumes one value of any shape.
func (r *lockReader) skip() error {
	var raw json.RawMessage
	return r.dec.Decode(&raw)
}

// fail places an error on a line. The stream decoder may report a syntax
// error's offset relative to the value it was reading, so a syntax error is
// located by validating the whole document instead.
func (r *lockReader) fail(err error) error {
	var syntax *json.SyntaxError
	var raw json.RawMessage
	if verr := json.Unmarshal(r.data, &raw); errors.As(verr, &syntax) {
		off := min(max(syntax.Offset-1, 0), int64(len(r.data)))
		return extractors.AtLine(bytes.Count(r.data[:off], []byte("\n"))+1, verr)
	}
	return extractors.AtLine(r.lineNow(), err)
}
