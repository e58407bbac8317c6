package routes

import "strings"

// tokKind says what a token is. The tokenizers of this package keep only
// what the recognisers match on: names, literals and punctuation, each with
// its line; comments and whitespace are dropped.
type tokKind int

const (
	tPunct  tokKind = iota // one or two punctuation characters: "(", ".", "=>"
	tIdent                 // a name or keyword
	tString                // a string literal, text holding its value
	tNumber                // a number, text as written
	tOther                 // a literal this package never reads, such as a regexp
)

// tok is one token of a source file.
type tok struct {
	kind tokKind
	text string
	line int
	// dynamic marks a string whose value is computed, such as a template
	// literal with a substitution or a Python f-string: not a literal path.
	dynamic bool
	// tail is the text after the last substitution of a JavaScript template
	// literal, the part of its value that is known: "/x" of `${base}/x`.
	tail string
}

// toks is a token stream with accessors that are safe past either end.
type toks []tok

func (ts toks) at(i int) tok {
	if i < 0 || i >= len(ts) {
		return tok{kind: tOther}
	}
	return ts[i]
}

func (ts toks) punct(i int, s string) bool {
	t := ts.at(i)
	return t.kind == tPunct && t.text == s
}

func (ts toks) ident(i int, s string) bool {
	t := ts.at(i)
	return t.kind == tIdent && t.text == s
}

// literal returns the value of the string token at i when it is a literal.
func (ts toks) literal(i int) (string, bool) {
	t := ts.at(i)
	return t.text, t.kind == tString && !t.dynamic
}

// closing returns the index of the bracket that closes the one at i,
// counting every kind of bracket, or len(ts) when it is never closed.
func (ts toks) closing(i int) int {
	depth := 0
	for j := i; j < len(ts); j++ {
		if ts[j].kind != tPunct {
			continue
		}
		switch ts[j].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(ts)
}

// span is the half-open range of tokens of one argument.
type span struct{ from, to int }

// args splits the bracketed list opening at i into its top-level
// arguments, and returns the index of the closing bracket.
func (ts toks) args(i int) ([]span, int) {
	end := ts.closing(i)
	return ts.split(i+1, end), end
}

// split cuts the tokens from..to at their top-level commas.
func (ts toks) split(from, to int) []span {
	var out []span
	start, depth := from, 0
	for j := from; j < to; j++ {
		if ts[j].kind != tPunct {
			continue
		}
		switch ts[j].text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, span{start, j})
				start = j + 1
			}
		}
	}
	if start < to {
		out = append(out, span{start, to})
	}
	return out
}

// single returns the literal value of an argument that is one string.
func (ts toks) single(s span) (string, bool) {
	if s.to-s.from != 1 {
		return "", false
	}
	return ts.literal(s.from)
}

// dotted renders an argument that is a name or a chain of names, such as
// users.show; "" for anything else.
func (ts toks) dotted(s span) string {
	var parts []string
	for j := s.from; j < s.to; j++ {
		t := ts[j]
		wantName := (j-s.from)%2 == 0
		switch {
		case wantName && t.kind == tIdent:
			parts = append(parts, t.text)
		case !wantName && t.kind == tPunct && t.text == ".":
		default:
			return ""
		}
	}
	if len(parts) == 0 || (s.to-s.from)%2 == 0 {
		return ""
	}
	return strings.Join(parts, ".")
}

// lexer holds what every tokenizer of this package shares: the source, the
// position and the line.
type lexer struct {
	src  []byte
	i    int
	line int
	out  toks
}

func newLexer(src []byte) *lexer { return &lexer{src: src, line: 1} }

func (l *lexer) peek(k int) byte {
	if l.i+k < len(l.src) {
		return l.src[l.i+k]
	}
	return 0
}

func (l *lexer) emit(kind tokKind, text string, line int) {
	l.out = append(l.out, tok{kind: kind, text: text, line: line})
}

// skipLine moves to the end of the line, leaving the newline.
func (l *lexer) skipLine() {
	for l.i < len(l.src) && l.src[l.i] != '\n' {
		l.i++
	}
}

// skipUntil moves past the first occurrence of end, counting lines; to the
// end of the source when there is none.
func (l *lexer) skipUntil(end string) {
	for l.i < len(l.src) {
		if l.hasPrefix(end) {
			l.i += len(end)
			return
		}
		if l.src[l.i] == '\n' {
			l.line++
		}
		l.i++
	}
}

func (l *lexer) hasPrefix(s string) bool {
	return len(l.src)-l.i >= len(s) && string(l.src[l.i:l.i+len(s)]) == s
}

// space skips one whitespace byte, counting lines, and reports whether it did.
func (l *lexer) space() bool {
	switch l.src[l.i] {
	case '\n':
		l.line++
	case ' ', '\t', '\r', '\f', '\v':
	default:
		return false
	}
	l.i++
	return true
}

// word reads a name: letters, digits, _ and $, and any non-ASCII byte so
// that names in other scripts stay whole.
func (l *lexer) word() string {
	start := l.i
	for l.i < len(l.src) && isWordByte(l.src[l.i]) {
		l.i++
	}
	return string(l.src[start:l.i])
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' ||
		c >= 'A' && c <= 'Z' || c >= 0x80
}

func isWordStart(c byte) bool {
	return isWordByte(c) && (c < '0' || c > '9')
}

// quoted reads a string closed by quote on the same line, the quote at
// l.i; backslash escapes keep the escaped character, or both characters in
// a raw string. An unclosed string ends at the line's end, so that a stray
// quote spoils one line at most.
func (l *lexer) quoted(quote byte, raw bool) string {
	l.i++
	var b []byte
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == quote:
			l.i++
			return string(b)
		case c == '\n':
			return string(b)
		case c == '\\' && l.i+1 < len(l.src) && l.src[l.i+1] != '\n':
			if raw {
				b = append(b, c)
			}
			b = append(b, l.src[l.i+1])
			l.i += 2
			continue
		}
		b = append(b, c)
		l.i++
	}
	return string(b)
}

// cComment skips the // or /* */ comment at l.i, and reports whether there
// was one.
func (l *lexer) cComment() bool {
	switch {
	case l.hasPrefix("//"):
		l.skipLine()
	case l.hasPrefix("/*"):
		l.skipUntil("*/")
	default:
		return false
	}
	return true
}

// plainToken emits the name, number or punctuation character at l.i.
func (l *lexer) plainToken() {
	c, line := l.src[l.i], l.line
	switch {
	case isWordStart(c):
		l.emit(tIdent, l.word(), line)
	case c >= '0' && c <= '9':
		l.emit(tNumber, l.word(), line)
	default:
		l.emit(tPunct, string(c), line)
		l.i++
	}
}

// skipBraced skips code inside an open brace, from l.i up to and past the
// brace that closes it. literal reads the string or other literal at l.i
// and reports whether there was one, so that braces in it are not counted.
func (l *lexer) skipBraced(literal func() bool) {
	depth := 1
	for l.i < len(l.src) {
		if l.cComment() || literal() {
			continue
		}
		switch l.src[l.i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				l.i++
				return
			}
		case '\n':
			l.line++
		}
		l.i++
	}
}
