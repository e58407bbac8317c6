package endpoint

import "strings"

// Key returns "<METHOD> <path>" with the method in upper case and the path
// normalised so that one endpoint gets one key whichever syntax names it:
//
//   - every path parameter becomes "{}": OpenAPI and Go's "{id}", gorilla's
//     "{id:[0-9]+}", gRPC transcoding's "{name=shelves/*}", Express's ":id"
//     (with an optional "(regexp)" and "?", "*" or "+" after it), Flask's
//     "<id>" and "<int:id>", and catch-alls such as "*path" or a bare "*";
//   - a regular expression group, such as Django's "(?P<slug>[\w-]+)" in a
//     re_path(), is a parameter too, with the quantifier after it;
//   - Go's "{$}" end-of-path marker is dropped, and so are a regular
//     expression's "^" and "$" anchors at the ends of the path;
//   - repeated slashes collapse, a trailing slash is dropped, and the path
//     always starts with a slash.
//
// A colon starts a parameter at the start of a segment or after "-" or "."
// (Express's "/flights/:from-:to"), so a custom verb such as ":cancel" in
// "/v1/{name}:cancel" or "/v1/books:search" stays literal. An empty method,
// or "*", means any method and is written "ANY".
func Key(method, path string) string {
	return normaliseMethod(method) + " " + NormalisePath(path)
}

func normaliseMethod(method string) string {
	method = strings.ToUpper(strings.TrimSpace(method))
	if method == "" || method == "*" {
		return "ANY"
	}
	return method
}

// NormalisePath returns the path part of Key.
func NormalisePath(path string) string {
	// Anchors go before the parameters are read, since a parameter such as
	// "*path" must start a segment, and again at the end once a "{$}" has
	// been dropped.
	unanchored := strings.TrimRight(strings.TrimLeft(path, "^/"), "$/")
	unanchored = strings.TrimRight(replaceParameters(unanchored), "$/")

	var segments []string
	for segment := range strings.SplitSeq(unanchored, "/") {
		if segment != "" {
			segments = append(segments, segment)
		}
	}
	return "/" + strings.Join(segments, "/")
}

// replaceParameters rewrites each parameter as "{}" in one pass. Slashes
// inside a parameter (a gRPC template such as "{name=shelves/*}") are part of
// the parameter, which is why this runs before the path is split.
func replaceParameters(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); {
		end, isParameter := parameterAt(path, i)
		switch {
		case isParameter && path[i:end] == "{$}" && end == len(path):
		case isParameter:
			b.WriteString("{}")
		default:
			b.WriteByte(path[i])
			end = i + 1
		}
		i = end
	}
	return b.String()
}

// parameterAt reports whether a parameter starts at path[i], and where it
// ends (exclusive).
func parameterAt(path string, i int) (int, bool) {
	segmentStart := i == 0 || path[i-1] == '/'
	switch c := path[i]; {
	case c == '{':
		return closing(path, i, '{', '}')
	case c == '<':
		return angleParameter(path, i)
	case c == '(':
		return regexGroup(path, i)
	case c == ':' && (segmentStart || path[i-1] == '-' || path[i-1] == '.'):
		end := nameEnd(path, i+1)
		if end == i+1 {
			return 0, false
		}
		return expressModifiers(path, end), true
	case c == '*' && segmentStart:
		end := i + 1
		for end < len(path) && path[end] == '*' {
			end++
		}
		return nameEnd(path, end), true
	}
	return 0, false
}

// closing finds the bracket that closes the one at path[i], counting nested
// pairs such as a quantifier in "{id:[0-9]{3}}". An unclosed bracket is no
// parameter.
func closing(path string, i int, open, close byte) (int, bool) {
	depth := 0
	for j := i; j < len(path); j++ {
		switch path[j] {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j + 1, true
			}
		}
	}
	return 0, false
}

// angleParameter reads a Flask "<name>" or "<converter:name>". Brackets and
// slashes are not allowed inside, so that a stray "<" or "{" stays literal.
func angleParameter(path string, i int) (int, bool) {
	for j := i + 1; j < len(path); j++ {
		switch path[j] {
		case '>':
			return j + 1, j > i+1
		case '<', '{', '}', '/':
			return 0, false
		}
	}
	return 0, false
}

// expressModifiers skips what may follow an Express parameter's name: a
// "(regexp)" constraint and one of "?", "*" or "+".
func expressModifiers(path string, end int) int {
	if end < len(path) && path[end] == '(' {
		if after, ok := regexGroup(path, end); ok {
			return after
		}
	}
	return quantifier(path, end)
}

// regexGroup reads the regular expression group that opens at path[i], and
// the quantifier after it. An escaped bracket does not open or close a group.
// A parameter inside, such as the "<slug>" of "(?P<slug>...)" or a repetition
// "{2,}", is read whole, as replaceParameters would read it, so that the
// brackets counted here are the ones left in the key when the group is
// unclosed and is no parameter.
func regexGroup(path string, i int) (int, bool) {
	depth := 1
	for j := i + 1; j < len(path); j++ {
		switch c := path[j]; {
		case c == '\\':
			j++
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return quantifier(path, j+1), true
			}
		default:
			if end, ok := parameterAt(path, j); ok {
				j = end - 1
			}
		}
	}
	return 0, false
}

// quantifier skips one "?", "*" or "+" at path[end].
func quantifier(path string, end int) int {
	if end < len(path) && strings.IndexByte("?*+", path[end]) >= 0 {
		end++
	}
	return end
}

func nameEnd(path string, i int) int {
	for i < len(path) && isNameByte(path[i]) {
		i++
	}
	return i
}

func isNameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
