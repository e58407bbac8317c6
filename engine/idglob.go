package engine

import (
	"regexp"
	"strings"
	"sync"
)

// Surface ids are not file paths: "container.port:svc/Dockerfile#8080/tcp"
// has slashes inside what a person reads as one name. The model's globs over
// ids therefore use their own rule, documented in docs/threat-model.md:
// `**` matches anything, `*` and `?` anything but a slash, `[...]` a class,
// `{a,b}` alternatives. Compiled patterns are kept, since a model repeats them.
var idGlobs sync.Map // pattern -> *regexp.Regexp, or nil for an invalid one

// matchID reports whether a surface-id glob matches id.
func matchID(glob, id string) bool {
	re, ok := idGlobs.Load(glob)
	if !ok {
		re, _ = idGlobs.LoadOrStore(glob, compileIDGlob(glob))
	}
	compiled, _ := re.(*regexp.Regexp)
	return compiled != nil && compiled.MatchString(id)
}

func compileIDGlob(glob string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	depth := 0
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; {
		case c == '*' && i+1 < len(glob) && glob[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '\\' && i+1 < len(glob):
			i++
			b.WriteString(regexp.QuoteMeta(glob[i : i+1]))
		case c == '[':
			end := strings.IndexByte(glob[i:], ']')
			if end < 0 {
				return nil
			}
			class := glob[i+1 : i+end]
			class = strings.Replace(class, "!", "^", 1)
			b.WriteString("[" + class + "]")
			i += end
		case c == '{':
			depth++
			b.WriteString("(?:")
		case c == '}' && depth > 0:
			depth--
			b.WriteString(")")
		case c == ',' && depth > 0:
			b.WriteString("|")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if depth != 0 {
		return nil
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil
	}
	return re
}
