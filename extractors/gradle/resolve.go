package gradle

import (
	"regexp"
	"strings"
)

// maxDepth bounds variables defined by other variables, which also stops a
// variable that refers to itself.
const maxDepth = 16

// scope resolves the names a build script's strings interpolate: variables
// the script assigns a string literal to, the gradle.properties files that
// apply to it, and catalog versions.
type scope struct {
	vars    map[string]token  // script variables, by name
	props   map[string]string // gradle.properties, the nearest file first
	catalog *catalog
	kotlin  bool // Kotlin strings end a $name at the first dot, Groovy ones do not
}

// collectVariables records every `name = "literal"` of the script: def and
// val declarations, ext and extra properties, assignments in ext blocks.
// The first assignment of a name wins; named arguments are not variables.
func collectVariables(toks []token) map[string]token {
	vars := map[string]token{}
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].kind != tPunct || toks[i].text != "=" || toks[i+1].kind != tString {
			continue
		}
		if i+2 < len(toks) && !endsValue(toks[i+2]) {
			continue // "a" + b, "a".trim(): not a literal
		}
		name, ok := assignee(toks, i)
		if _, seen := vars[name]; ok && !seen {
			vars[name] = toks[i+1]
		}
	}
	return vars
}

func endsValue(t token) bool {
	return t.kind == tNewline || t.kind == tPunct && (t.text == ";" || t.text == "}")
}

// assignee names what the '=' at i assigns to: x, ext.x, val x: String,
// extra["x"].
func assignee(toks []token, i int) (string, bool) {
	lhs := toks[i-1]
	switch {
	case lhs.kind == tIdent && i >= 3 && toks[i-2].text == ":" && toks[i-3].kind == tIdent:
		return toks[i-3].text, true
	case lhs.kind == tIdent:
		if i >= 2 && toks[i-2].kind == tPunct && (toks[i-2].text == "(" || toks[i-2].text == ",") {
			return "", false
		}
		return lhs.text, true
	case lhs.text == "]" && i >= 3 && toks[i-2].kind == tString && toks[i-3].text == "[":
		return toks[i-2].text, true
	}
	return "", false
}

// text resolves a string literal: escapes are undone and, in a "" string,
// $name and ${expr} are replaced. ok is false when an interpolation names
// something the files do not define; the literal is then returned as
// written.
func (s *scope) text(t token) (string, bool) {
	return s.textDepth(t, 0)
}

func (s *scope) textDepth(t token, depth int) (string, bool) {
	raw := t.text
	var b strings.Builder
	ok := true
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw):
			i++
			b.WriteString(unescape(raw[i]))
		case c == '$' && t.quote == '"':
			expr, n := interpolated(raw[i+1:], s.kotlin)
			if n == 0 {
				b.WriteByte(c)
				continue
			}
			v, found := s.lookup(expr, depth)
			ok = ok && found
			b.WriteString(v)
			i += n
		default:
			b.WriteByte(c)
		}
	}
	if !ok {
		return raw, false
	}
	return b.String(), true
}

func unescape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	}
	return string(c)
}

var (
	bareName   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*`)
	dottedName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*`)
)

// interpolated reads what follows a '$': {expr} or a name. n is how many
// bytes it spans, 0 when the '$' is a plain character.
func interpolated(rest string, kotlin bool) (expr string, n int) {
	if strings.HasPrefix(rest, "{") {
		depth := 0
		for i := 0; i < len(rest); i++ {
			switch rest[i] {
			case '{':
				depth++
			case '}':
				if depth--; depth == 0 {
					return strings.TrimSpace(rest[1:i]), i + 1
				}
			}
		}
		return "", 0
	}
	name := dottedName.FindString(rest)
	if kotlin {
		name = bareName.FindString(rest)
	}
	return name, len(name)
}

var (
	propertyPath = regexp.MustCompile(
		`^(?:(?:rootProject|project)\.)?(?:(?:ext|extra)\.)?([A-Za-z_][A-Za-z0-9_]*)$`)
	propertyCall = regexp.MustCompile(`^(?:(?:rootProject|project)\.)?` +
		`(?:(?:findProperty|property)\(|(?:ext|extra|properties)\[)\s*["']([^"']+)["']\s*[)\]]` +
		`(?:\s*as\s+String\??|\.toString\(\)|!!)?$`)
	catalogVersion = regexp.MustCompile(`^libs\.versions\.([A-Za-z0-9_.]+?)(?:\.get\(\))?$`)
)

// lookup resolves an interpolated expression of the forms build scripts use
// for versions.
func (s *scope) lookup(expr string, depth int) (string, bool) {
	if depth >= maxDepth {
		return "", false
	}
	if m := catalogVersion.FindStringSubmatch(expr); m != nil {
		return s.catalog.version(m[1])
	}
	var name string
	if m := propertyPath.FindStringSubmatch(expr); m != nil {
		name = m[1]
	} else if m := propertyCall.FindStringSubmatch(expr); m != nil {
		name = m[1]
	} else {
		return "", false
	}
	if t, ok := s.vars[name]; ok {
		return s.textDepth(t, depth+1)
	}
	v, ok := s.props[name]
	return v, ok
}
