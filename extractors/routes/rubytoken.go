package routes

// tSymbol is a Ruby symbol such as :photos, text holding its name.
const tSymbol tokKind = tOther + 1

// lexRuby tokenizes Ruby as far as a routes file needs. Comments and
// =begin/=end blocks are dropped; strings become single tokens, dynamic when
// they interpolate; :name is a symbol; %w[] and %i[] arrays are spelled out as
// brackets around strings or symbols.
func lexRuby(src []byte) toks {
	l := newLexer(src)
	for l.i < len(l.src) {
		if l.atLineStart() && l.hasPrefix("=begin") {
			l.skipUntil("\n=end")
			l.skipLine()
			continue
		}
		if l.space() {
			continue
		}
		c, line := l.src[l.i], l.line
		switch {
		case c == '#':
			l.skipLine()
		case c == '\'':
			l.emit(tString, l.quoted('\'', false), line)
		case c == '"':
			text := l.quoted('"', false)
			l.out = append(l.out, tok{kind: tString, text: text, line: line,
				dynamic: containsInterpolation(text)})
		case c == ':' && l.peek(1) == ':':
			l.emit(tPunct, "::", line)
			l.i += 2
		case c == ':' && isWordStart(l.peek(1)):
			l.i++
			l.emit(tSymbol, l.word(), line)
		case c == '%' && (l.peek(1) == 'w' || l.peek(1) == 'i') && isOpening(l.peek(2)):
			l.percentArray()
		case c == '=' && l.peek(1) == '>':
			l.emit(tPunct, "=>", line)
			l.i += 2
		case c == '/' && regexpAllowed(l.out):
			l.regexp()
			l.emit(tOther, "regexp", line)
		case isWordStart(c):
			l.rubyWord(line)
		case c >= '0' && c <= '9':
			l.emit(tNumber, l.word(), line)
		default:
			l.emit(tPunct, string(c), line)
			l.i++
		}
	}
	return l.out
}

func (l *lexer) atLineStart() bool {
	return l.i == 0 || l.src[l.i-1] == '\n'
}

// rubyWord reads a name, with the ? or ! a method name may end with.
func (l *lexer) rubyWord(line int) {
	word := l.word()
	if c := l.peek(0); (c == '?' || c == '!') && l.peek(1) != '=' {
		word += string(c)
		l.i++
	}
	l.emit(tIdent, word, line)
}

func containsInterpolation(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '#' && s[i+1] == '{' {
			return true
		}
	}
	return false
}

func isOpening(c byte) bool { return c == '[' || c == '(' || c == '{' || c == '<' }

// percentArray reads %w[a b] as ["a", "b"] and %i[a b] as [:a, :b].
func (l *lexer) percentArray() {
	kind := tString
	if l.peek(1) == 'i' {
		kind = tSymbol
	}
	closer := map[byte]byte{'[': ']', '(': ')', '{': '}', '<': '>'}[l.peek(2)]
	l.emit(tPunct, "[", l.line)
	l.i += 3
	start := l.i
	for l.i <= len(l.src) {
		if l.i == len(l.src) || l.src[l.i] == closer || isSpace(l.src[l.i]) {
			if l.i > start {
				l.emit(kind, string(l.src[start:l.i]), l.line)
			}
			if l.i == len(l.src) || l.src[l.i] == closer {
				break
			}
			if l.src[l.i] == '\n' {
				l.line++
			}
			start = l.i + 1
		}
		l.i++
	}
	l.emit(tPunct, "]", l.line)
	l.i++
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}
