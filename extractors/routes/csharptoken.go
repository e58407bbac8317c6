package routes

import "strings"

// lexCSharp tokenizes C#. Comments and preprocessor lines are dropped;
// strings of every form (regular, verbatim @"...", raw """...""", and the
// interpolated $"..." of each, with the code of their holes) and character
// literals become single tokens. An interpolated string with a hole is
// dynamic.
func lexCSharp(src []byte) toks {
	l := newLexer(src)
	for l.i < len(l.src) {
		if l.space() || l.cComment() {
			continue
		}
		c, line := l.src[l.i], l.line
		switch {
		case c == '#' && l.onlyIndentBefore():
			l.skipLine()
		case l.csStringStart():
			text, dynamic := l.csString()
			l.out = append(l.out, tok{kind: tString, text: text, line: line, dynamic: dynamic})
		case c == '\'':
			l.quoted('\'', false)
			l.emit(tOther, "char", line)
		case c == '@' && isWordStart(l.peek(1)):
			l.i++
			l.emit(tIdent, l.word(), line)
		default:
			l.plainToken()
		}
	}
	return l.out
}

// onlyIndentBefore reports whether the line holds nothing but blanks before
// l.i, where a # starts a preprocessor directive.
func (l *lexer) onlyIndentBefore() bool {
	for k := l.i - 1; k >= 0 && l.src[k] != '\n'; k-- {
		if l.src[k] != ' ' && l.src[k] != '\t' {
			return false
		}
	}
	return true
}

// csStringStart reports whether a string starts at l.i: a quote, after
// any run of the $ and @ prefixes.
func (l *lexer) csStringStart() bool {
	k := l.i
	for k < len(l.src) && (l.src[k] == '$' || l.src[k] == '@') {
		k++
	}
	return k < len(l.src) && l.src[k] == '"'
}

// csString reads a string with its prefixes, the first at l.i, and returns
// its text and whether it interpolates code.
func (l *lexer) csString() (string, bool) {
	dollars, verbatim := 0, false
	for ; l.src[l.i] != '"'; l.i++ {
		if l.src[l.i] == '$' {
			dollars++
		} else {
			verbatim = true
		}
	}
	if l.hasPrefix(`"""`) {
		return l.csRaw(dollars)
	}
	l.i++
	var b []byte
	dynamic := false
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '"' && verbatim && l.peek(1) == '"':
			b = append(b, c)
			l.i += 2
			continue
		case c == '"':
			l.i++
			return string(b), dynamic
		case c == '\n' && !verbatim:
			return string(b), dynamic
		case c == '\n':
			l.line++
		case c == '\\' && !verbatim && l.i+1 < len(l.src) && l.src[l.i+1] != '\n':
			b = append(b, l.src[l.i+1])
			l.i += 2
			continue
		case (c == '{' || c == '}') && dollars > 0 && l.peek(1) == c:
			b = append(b, c)
			l.i += 2
			continue
		case c == '{' && dollars > 0:
			dynamic = true
			l.csHole()
			continue
		}
		b = append(b, c)
		l.i++
	}
	return string(b), dynamic
}

// csRaw reads a raw string literal, its opening quotes at l.i: it ends at
// as many quotes as opened it, and interpolates where as many braces as its
// $ prefixes open a hole.
func (l *lexer) csRaw(dollars int) (string, bool) {
	n := 0
	for l.i+n < len(l.src) && l.src[l.i+n] == '"' {
		n++
	}
	l.i += n
	closing := strings.Repeat(`"`, n)
	start := l.i
	for l.i < len(l.src) && !l.hasPrefix(closing) {
		if l.src[l.i] == '\n' {
			l.line++
		}
		l.i++
	}
	text := string(l.src[start:l.i])
	l.i = min(l.i+n, len(l.src))
	return text, dollars > 0 && strings.Contains(text, strings.Repeat("{", dollars))
}

// csHole skips the code of an interpolation hole, the brace at l.i, up to
// and past its closing brace; the strings inside may hold braces of their
// own.
func (l *lexer) csHole() {
	l.i++
	l.skipBraced(func() bool {
		switch {
		case l.csStringStart():
			l.csString()
		case l.src[l.i] == '\'':
			l.quoted('\'', false)
		default:
			return false
		}
		return true
	})
}
