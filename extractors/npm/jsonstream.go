package npm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tms-dev/tms/extractors"
)

// stream reads a JSON document token by token and knows the line each token
// ends on. Decoder offsets only grow, so lines are counted from the previous
// offset and a whole read stays linear in the size of the document.
type stream struct {
	data []byte
	dec  *json.Decoder
	off  int64 // offset up to which newlines are counted
	line int   // line of off
}

func newStream(data []byte) *stream {
	return &stream{data: data, dec: json.NewDecoder(bytes.NewReader(data)), line: 1}
}

// tokenLine is the line of the token read last. Keys and scalars cannot span
// lines, so it is also the line the token starts on.
func (s *stream) tokenLine() int {
	off := s.dec.InputOffset()
	if off < s.off {
		s.off, s.line = 0, 1
	}
	s.line += bytes.Count(s.data[s.off:off], []byte("\n"))
	s.off = off
	return s.line
}

// peek returns the first byte of the next value, past the separators the
// decoder has not consumed yet, or 0 at the end of the input.
func (s *stream) peek() byte {
	for _, c := range s.data[s.dec.InputOffset():] {
		switch c {
		case ' ', '\t', '\r', '\n', ':', ',':
		default:
			return c
		}
	}
	return 0
}

// enterObject consumes the '{' of the next value. When the value is not an
// object it is skipped instead and entered is false.
func (s *stream) enterObject() (entered bool, err error) {
	if s.peek() != '{' {
		return false, s.skip()
	}
	_, err = s.dec.Token()
	return err == nil, err
}

// nextKey reads the next key of the object being read and the line it is on.
// At the end of the object it consumes the '}' and returns ok false.
func (s *stream) nextKey() (key string, line int, ok bool, err error) {
	if !s.dec.More() {
		_, err = s.dec.Token()
		return "", 0, false, err
	}
	tok, err := s.dec.Token()
	if err != nil {
		return "", 0, false, err
	}
	key, ok = tok.(string)
	if !ok {
		return "", 0, false, fmt.Errorf("object key %v is not a string", tok)
	}
	return key, s.tokenLine(), true, nil
}

// skipValue consumes any JSON value without building it.
type skipValue struct{}

func (*skipValue) UnmarshalJSON([]byte) error { return nil }

func (s *stream) skip() error { return s.dec.Decode(&skipValue{}) }

// stringValue reads the next value when it is a string; any other value is
// skipped and ok is false.
func (s *stream) stringValue() (v string, ok bool, err error) {
	if s.peek() != '"' {
		return "", false, s.skip()
	}
	err = s.dec.Decode(&v)
	return v, err == nil, err
}

// boolValue reads the next value when it is true or false; any other value is
// skipped and ok is false.
func (s *stream) boolValue() (v, ok bool, err error) {
	if c := s.peek(); c != 't' && c != 'f' {
		return false, false, s.skip()
	}
	err = s.dec.Decode(&v)
	return v, err == nil, err
}

// fail places a read error on a line. The decoder reports some syntax errors
// relative to the value it was reading, so the position of a syntax error is
// taken from a validation of the whole document instead.
func (s *stream) fail(err error) error {
	var syntax *json.SyntaxError
	if verr := json.Unmarshal(s.data, &skipValue{}); errors.As(verr, &syntax) {
		off := min(max(syntax.Offset-1, 0), int64(len(s.data)))
		line := bytes.Count(s.data[:off], []byte("\n")) + 1
		return extractors.AtLine(line, verr)
	}
	return extractors.AtLine(s.tokenLine(), err)
}
