package convert

import (
	"regexp"
	"strings"
)

// matchSurfaceGlob reports whether a surface-id glob of the model matches
// id, by the rule docs/threat-model.md gives for them: "**" matches
// anything, slashes included; "*" and "?" stop at a slash; "[...]" is a
// class ("[!...]" negated), "{a,b}" a choice, and "\" makes the next
// character literal. An invalid glob matches nothing.
func matchSurfaceGlob(glob, id string) bool {
	re := surfaceGlobRegexp(glob)
	return re != nil && re.MatchString(id)
}

func surfaceGlobRegexp(glob string) *regexp.Regexp {
	var expr strings.Builder
	expr.WriteString("^")
	open := 0
	for rest := glob; rest != ""; {
		c := rest[0]
		rest = rest[1:]
		switch {
		case c == '*' && strings.HasPrefix(rest, "*"):
			expr.WriteString(".*")
			rest = rest[1:]
		case c == '*':
			expr.WriteString("[^/]*")
		case c == '?':
			expr.WriteString("[^/]")
		case c == '\\' && rest != "":
			expr.WriteString(regexp.QuoteMeta(rest[:1]))
			rest = rest[1:]
		case c == '[':
			class, after, ok := strings.Cut(rest, "]")
			if !ok {
				return nil
			}
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			expr.WriteString("[" + class + "]")
			rest = after
		case c == '{':
			open++
			expr.WriteString("(?:")
		case c == '}' && open > 0:
			open--
			expr.WriteString(")")
		case c == ',' && open > 0:
			expr.WriteString("|")
		default:
			expr.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if open > 0 {
		return nil
	}
	expr.WriteString("$")
	re, err := regexp.Compile(expr.String())
	if err != nil {
		return nil
	}
	return re
}
