package routes

// lexJS tokenizes JavaScript and TypeScript. Comments are dropped; strings,
// template literals and regular expression literals become single tokens, so
// that code inside them is never matched. A template literal with a
// substitution is dynamic.
func lexJS(src []byte) toks {
	l := newLexer(src)
	if l.hasPrefix("#!") {
		l.skipLine()
	}
	for l.i < len(l.src) {
		if l.space() || l.cComment() {
			continue
		}
		c, line := l.src[l.i], l.line
		switch {
		case c == '\'' || c == '"':
			l.emit(tString, l.quoted(c, false), line)
		case c == '`':
			text, tail, dynamic := l.template()
			l.out = append(l.out, tok{kind: tString, text: text, line: line,
				dynamic: dynamic, tail: tail})
		case c == '/' && regexpAllowed(l.out):
			l.regexp()
			l.emit(tOther, "regexp", line)
		case isWordStart(c):
			l.emit(tIdent, l.word(), line)
		case c >= '0' && c <= '9':
			l.emit(tNumber, l.word(), line)
		default:
			l.punctJS()
		}
	}
	return l.out
}

// jsPuncts are the two-character punctuators a recogniser looks at.
var jsPuncts = []string{"=>", "?."}

func (l *lexer) punctJS() {
	for _, p := range jsPuncts {
		if l.hasPrefix(p) {
			l.emit(tPunct, p, l.line)
			l.i += len(p)
			return
		}
	}
	l.emit(tPunct, string(l.src[l.i]), l.line)
	l.i++
}

// template reads a template literal, the backtick at l.i, with its
// substitutions: code inside ${...} may hold strings, comments and templates
// of its own, whose braces must not end the substitution. It returns the
// literal text, the part of it after the last substitution, and whether
// there is one.
func (l *lexer) template() (text, tail string, dynamic bool) {
	l.i++
	var b []byte
	tailStart := 0
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '`':
			l.i++
			return string(b), string(b[tailStart:]), dynamic
		case c == '\\' && l.i+1 < len(l.src):
			if l.src[l.i+1] == '\n' {
				l.line++
			}
			b = append(b, l.src[l.i+1])
			l.i += 2
			continue
		case c == '$' && l.peek(1) == '{':
			dynamic = true
			l.i += 2
			l.substitution()
			tailStart = len(b)
			continue
		case c == '\n':
			l.line++
		}
		b = append(b, c)
		l.i++
	}
	return string(b), string(b[tailStart:]), dynamic
}

// substitution skips the code of a ${...}, up to and past its closing brace.
func (l *lexer) substitution() {
	l.skipBraced(func() bool {
		switch c := l.src[l.i]; c {
		case '\'', '"':
			l.quoted(c, false)
		case '`':
			l.template()
		default:
			return false
		}
		return true
	})
}

// regexp skips a regular expression literal, the slash at l.i. A slash in a
// character class does not end it; a newline does, as the literal is then
// not one.
func (l *lexer) regexp() {
	l.i++
	inClass := false
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '\n':
			return
		case c == '\\':
			l.i++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			l.i++
			for l.i < len(l.src) && isWordByte(l.src[l.i]) {
				l.i++
			}
			return
		}
		l.i++
	}
}

// regexpKeywords are the keywords after which a slash starts a regular
// expression rather than a division.
var regexpKeywords = set("return", "typeof", "instanceof", "in", "of", "new", "delete",
	"void", "throw", "case", "do", "else", "yield", "await")

// regexpAllowed tells a regular expression from a division by the token
// before the slash, the way JavaScript's grammar does in practice.
func regexpAllowed(out toks) bool {
	if len(out) == 0 {
		return true
	}
	prev := out[len(out)-1]
	switch prev.kind {
	case tPunct:
		return prev.text != ")" && prev.text != "]" && prev.text != "}"
	case tIdent:
		return regexpKeywords[prev.text]
	}
	return false
}
