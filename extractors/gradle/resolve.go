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
	vars      map[string]token  // script variables, by name
	props     map[string]string // gradle.properties, the nearest file first
	inherited map[string]token  // extra properties of the projects above
	catalog   *catalog
	kotlin    bool // Kotlin strings end a $name at the first dot, Groovy ones do not
}

// variable looks a name up among the script's variables, then the extra
// properties it inherits.
func (s *scope) variable(name string) (token, bool) {
	if t, ok := s.vars[name]; ok {
		return t, true
	}
	t, ok := s.inherited[name]
	return t, ok
}

// collectVariables records every `name = "literal"` of the script: def and
// val declarations, ext and extra properties, assignments in ext blocks.
// A map literal's string entries are variables too: versions = [guava: '…']
// gives versions.guava. The first assignment of a name wins; named
// arguments are not variables.
func collectVariables(toks []token) map[string]token {
	vars := map[string]token{}
	for name, a := range collectAssignments(toks) {
		vars[name] = a.value
	}
	return vars
}

// assignment is a string literal given to a name: the value, the index of
// the '=', and whether the name is written as an extra property.
type assignment struct {
	value token
	at    int
	ext   bool
}

func collectAssignments(toks []token) map[string]assignment {
	found := map[string]assignment{}
	record := func(name string, a assignment) {
		if _, seen := found[name]; !seen {
			found[name] = a
		}
	}
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].kind != tPunct || toks[i].text != "=" {
			continue
		}
		path, ext, ok := assignee(toks, i)
		name := refName(path)
		switch {
		case !ok:
		case toks[i+1].kind == tString && (i+2 >= len(toks) || endsValue(toks[i+2])):
			record(name, assignment{value: toks[i+1], at: i, ext: ext})
		case toks[i+1].kind == tPunct && toks[i+1].text == "[":
			for key, value := range mapEntries(toks, i+1) {
				record(name+"."+key, assignment{value: value, at: i, ext: ext})
			}
		}
	}
	return found
}

// mapEntries reads the string entries of the map literal whose '[' is at
// open: key: 'value' pairs, keys bare or quoted. Entries with any other
// value are skipped.
func mapEntries(toks []token, open int) map[string]token {
	entries := map[string]token{}
	depth := 0
	for j := open; j < len(toks); j++ {
		switch t := toks[j]; {
		case t.kind == tPunct && (t.text == "[" || t.text == "(" || t.text == "{"):
			depth++
		case t.kind == tPunct && (t.text == "]" || t.text == ")" || t.text == "}"):
			if depth--; depth == 0 {
				return entries
			}
		case depth == 1 && j+3 < len(toks) && (t.kind == tIdent || t.kind == tString) &&
			toks[j-1].kind == tPunct && (toks[j-1].text == "[" || toks[j-1].text == ",") &&
			toks[j+1].text == ":" && toks[j+2].kind == tString &&
			(toks[j+3].text == "," || toks[j+3].text == "]"):
			entries[t.text] = toks[j+2]
		}
	}
	return entries
}

func endsValue(t token) bool {
	return t.kind == tNewline || t.kind == tPunct && (t.text == ";" || t.text == "}")
}

// assignee names what the '=' at i assigns to: x, val x: String, a dotted
// path (ext.x, project.ext.versions.x) as written, or extra["x"]; ext
// tells whether it is written as an extra property.
func assignee(toks []token, i int) (path string, ext, ok bool) {
	lhs := toks[i-1]
	switch {
	case lhs.kind == tIdent && i >= 3 && toks[i-2].text == ":" && toks[i-3].kind == tIdent:
		return toks[i-3].text, false, true
	case lhs.kind == tIdent:
		start := i - 1
		for start >= 2 && toks[start-1].text == "." && toks[start-2].kind == tIdent {
			start -= 2
		}
		if start >= 1 && toks[start-1].kind == tPunct &&
			(toks[start-1].text == "(" || toks[start-1].text == ",") {
			return "", false, false
		}
		var b strings.Builder
		for _, t := range toks[start:i] {
			b.WriteString(t.text)
		}
		path = b.String()
		return path, refName(path) != strings.TrimPrefix(path, "project."), true
	case lhs.text == "]" && i >= 4 && toks[i-2].kind == tString && toks[i-3].text == "[":
		return toks[i-2].text, isExtName(toks[i-4].text), true
	}
	return "", false, false
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
	// A name may be followed by one map key: versions.guava.
	propertyPath = regexp.MustCompile(`^(?:(?:rootProject|project)\.)?(?:(?:ext|extra)\.)?` +
		`([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)$`)
	mapIndex = regexp.MustCompile(`^(?:(?:rootProject|project)\.)?(?:(?:ext|extra)\.)?` +
		`([A-Za-z_][A-Za-z0-9_]*)\[\s*["']([^"']+)["']\s*\]$`)
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
	} else if m := mapIndex.FindStringSubmatch(expr); m != nil {
		name = m[1] + "." + m[2]
	} else {
		return "", false
	}
	if t, ok := s.vars[name]; ok {
		return s.textDepth(t, depth+1)
	}
	if v, ok := s.props[name]; ok {
		return v, true
	}
	if t, ok := s.inherited[name]; ok {
		return s.textDepth(t, depth+1)
	}
	return "", false
}
