package routes

import "strings"

// lexPython tokenizes Python. Comments are dropped, and strings, docstrings
// included, become single tokens; an f-string with a replacement field is
// dynamic.
func lexPython(src []byte) toks {
	l := newLexer(src)
	for l.i < len(l.src) {
		if l.space() {
			continue
		}
		c, line := l.src[l.i], l.line
		switch {
		case c == '#':
			l.skipLine()
		case c == '\\' && l.peek(1) == '\n':
			l.i++
		case c == '\'' || c == '"':
			l.pyString("", line)
		case isWordStart(c):
			word := l.word()
			if q := l.peek(0); (q == '\'' || q == '"') && isStringPrefix(word) {
				l.pyString(strings.ToLower(word), line)
				continue
			}
			l.emit(tIdent, word, line)
		case c >= '0' && c <= '9':
			l.emit(tNumber, l.word(), line)
		default:
			l.emit(tPunct, string(c), line)
			l.i++
		}
	}
	return l.out
}

// isStringPrefix reports whether a word just before a quote prefixes a
// string, as r, b, f, u and their pairs do.
func isStringPrefix(w string) bool {
	if len(w) == 0 || len(w) > 2 {
		return false
	}
	for _, c := range strings.ToLower(w) {
		if !strings.ContainsRune("rbfu", c) {
			return false
		}
	}
	return true
}

// pyString reads a string, its quote at l.i, single or triple quoted.
func (l *lexer) pyString(prefix string, line int) {
	q := l.src[l.i]
	raw := strings.Contains(prefix, "r")
	var text string
	if l.peek(1) == q && l.peek(2) == q {
		text = l.tripleQuoted(string([]byte{q, q, q}), raw)
	} else {
		text = l.quoted(q, raw)
	}
	dynamic := strings.Contains(prefix, "f") &&
		strings.Contains(strings.ReplaceAll(text, "{{", ""), "{")
	l.out = append(l.out, tok{kind: tString, text: text, line: line, dynamic: dynamic})
}

// tripleQuoted reads a string closed by the same three quotes, across
// lines.
func (l *lexer) tripleQuoted(quotes string, raw bool) string {
	l.i += 3
	var b []byte
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case l.hasPrefix(quotes):
			l.i += 3
			return string(b)
		case c == '\\' && l.i+1 < len(l.src):
			if raw {
				b = append(b, c)
			}
			if l.src[l.i+1] == '\n' {
				l.line++
			}
			b = append(b, l.src[l.i+1])
			l.i += 2
			continue
		case c == '\n':
			l.line++
		}
		b = append(b, c)
		l.i++
	}
	return string(b)
}
