package gradle

import (
	"errors"
	"fmt"

	"github.com/tms-dev/tms/extractors"
)

type tokenKind int

const (
	tIdent   tokenKind = iota // a name: implementation, libs, group
	tString                   // a string literal; text is its raw content
	tPunct                    // one character: ( ) { } [ ] , : = . ;
	tNewline                  // the end of a line outside brackets
	tOther                    // numbers and operators, kept so nothing is skipped in silence
)

// token is one lexical unit of a build script.
type token struct {
	kind tokenKind
	text string
	line int
	// quote is the string's delimiter: '\'' strings never interpolate, '"'
	// strings do.
	quote byte
}

// lexer splits a Groovy or Kotlin build script into tokens, dropping
// comments. Both languages share the comment syntax and the string forms
// that matter here: '…', "…", ”'…”' and """…""" with ${…} inside "".
type lexer struct {
	src  []byte
	pos  int
	line int
	toks []token
}

// lex returns the tokens of src. An unterminated string or comment ends the
// script there, so nothing inside it is ever read as code; the error tells
// its starting line.
func lex(src []byte) ([]token, error) {
	l := &lexer{src: src, line: 1}
	for l.pos < len(l.src) {
		if err := l.next(); err != nil {
			return l.toks, err
		}
	}
	return l.toks, nil
}

func (l *lexer) emit(kind tokenKind, text string, line int) {
	if kind == tNewline && (len(l.toks) == 0 || l.toks[len(l.toks)-1].kind == tNewline) {
		return
	}
	l.toks = append(l.toks, token{kind: kind, text: text, line: line})
}

func (l *lexer) peek(off int) byte {
	if l.pos+off < len(l.src) {
		return l.src[l.pos+off]
	}
	return 0
}

func (l *lexer) next() error {
	c := l.src[l.pos]
	switch {
	case c == '\n':
		l.emit(tNewline, "\n", l.line)
		l.pos++
		l.line++
	case c == ' ' || c == '\t' || c == '\r' || c == '\f':
		l.pos++
	case c == '/' && l.peek(1) == '/', c == '#' && l.pos == 0 && l.peek(1) == '!':
		for l.pos < len(l.src) && l.src[l.pos] != '\n' {
			l.pos++
		}
	case c == '/' && l.peek(1) == '*':
		return l.blockComment()
	case c == '\'' || c == '"':
		return l.str(c)
	case c == '`':
		return l.backticked()
	case isIdentStart(c):
		start := l.pos
		for l.pos < len(l.src) && isIdentPart(l.src[l.pos]) {
			l.pos++
		}
		l.emit(tIdent, string(l.src[start:l.pos]), l.line)
	case c == '\\' && l.peek(1) == '\n':
		l.pos += 2 // an escaped line break continues the statement
		l.line++
	default:
		kind := tOther
		if isPunct(c) {
			kind = tPunct
		}
		l.emit(kind, string(c), l.line)
		l.pos++
	}
	return nil
}

func (l *lexer) blockComment() error {
	start := l.line
	l.pos += 2
	for l.pos < len(l.src) {
		if l.src[l.pos] == '*' && l.peek(1) == '/' {
			l.pos += 2
			return nil
		}
		if l.src[l.pos] == '\n' {
			l.line++
		}
		l.pos++
	}
	return extractors.AtLine(start, errors.New("unterminated comment"))
}

// backticked reads a Kotlin `quoted name` as an identifier.
func (l *lexer) backticked() error {
	start, line := l.pos+1, l.line
	for l.pos++; l.pos < len(l.src) && l.src[l.pos] != '`'; l.pos++ {
		if l.src[l.pos] == '\n' {
			return extractors.AtLine(line, errors.New("unterminated `name`"))
		}
	}
	if l.pos >= len(l.src) {
		return extractors.AtLine(line, errors.New("unterminated `name`"))
	}
	l.emit(tIdent, string(l.src[start:l.pos]), line)
	l.pos++
	return nil
}

// str reads a string literal. In a "" string, ${…} may hold code with
// quotes and braces of its own, so it is skipped by brace depth.
func (l *lexer) str(q byte) error {
	triple := l.peek(1) == q && l.peek(2) == q
	line := l.line
	l.pos++
	if triple {
		l.pos += 2
	}
	start := l.pos
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\\':
			l.skipEscape()
			continue
		case c == '\n' && !triple:
			return extractors.AtLine(line, errors.New("unterminated string"))
		case c == '\n':
			l.line++
		case q == '"' && c == '$' && l.peek(1) == '{':
			if err := l.interpolation(line); err != nil {
				return err
			}
			continue
		case c == q && (!triple || l.peek(1) == q && l.peek(2) == q):
			l.toks = append(l.toks, token{kind: tString, text: string(l.src[start:l.pos]),
				line: line, quote: q})
			l.pos++
			if triple {
				l.pos += 2
			}
			return nil
		}
		l.pos++
	}
	return extractors.AtLine(line, errors.New("unterminated string"))
}

func (l *lexer) skipEscape() {
	l.pos++
	if l.pos < len(l.src) {
		if l.src[l.pos] == '\n' {
			l.line++
		}
		l.pos++
	}
}

// interpolation skips ${…}, strings inside it included.
func (l *lexer) interpolation(line int) error {
	depth := 0
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\\':
			l.skipEscape()
			continue
		case c == '\n':
			l.line++
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				l.pos++
				return nil
			}
		case c == '"' || c == '\'':
			if err := l.innerString(c); err != nil {
				return err
			}
			continue
		}
		l.pos++
	}
	return extractors.AtLine(line, fmt.Errorf("unterminated ${ in string"))
}

// innerString skips a string literal inside an interpolation, one level
// deep: build scripts do not nest interpolations further.
func (l *lexer) innerString(q byte) error {
	line := l.line
	for l.pos++; l.pos < len(l.src); l.pos++ {
		switch l.src[l.pos] {
		case '\\':
			l.pos++
		case '\n':
			return extractors.AtLine(line, errors.New("unterminated string"))
		case q:
			l.pos++
			return nil
		}
	}
	return extractors.AtLine(line, errors.New("unterminated string"))
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func isPunct(c byte) bool {
	switch c {
	case '(', ')', '{', '}', '[', ']', ',', ':', '=', '.', ';':
		return true
	}
	return false
}
