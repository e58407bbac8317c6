package routes

// lexJava tokenizes Java and Kotlin. Comments are dropped; strings, text
// blocks, Kotlin raw strings and character literals become single tokens.
// In Kotlin a string with a $name or ${...} template is dynamic.
func lexJava(src []byte, kotlin bool) toks {
	l := newLexer(src)
	for l.i < len(l.src) {
		if l.space() || l.cComment() {
			continue
		}
		c, line := l.src[l.i], l.line
		switch {
		case l.hasPrefix(`"""`):
			text := l.tripleQuoted(`"""`, kotlin)
			l.out = append(l.out, tok{kind: tString, text: text, line: line,
				dynamic: kotlin && hasTemplate(text)})
		case c == '"':
			text := l.quoted('"', false)
			l.out = append(l.out, tok{kind: tString, text: text, line: line,
				dynamic: kotlin && hasTemplate(text)})
		case c == '\'':
			l.quoted('\'', false)
			l.emit(tOther, "char", line)
		default:
			l.plainToken()
		}
	}
	return l.out
}

// hasTemplate reports whether a Kotlin string holds a $name or ${...}.
func hasTemplate(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '$' && (s[i+1] == '{' || isWordStart(s[i+1]) && s[i+1] != '$') {
			return true
		}
	}
	return false
}
