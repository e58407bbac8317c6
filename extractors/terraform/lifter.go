package terraform

import (
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors/cloudfacts"
)

// lifter reads the arguments of one block into facts. prefix names nested
// blocks in unresolved, e.g. "ingress.cidr_blocks".
type lifter struct {
	ev     evaluator
	n      node
	prefix string
	f      *cloudfacts.Facts
}

// get evaluates an argument: nil when absent, cloudfacts.Opaque when it is
// not literal. An argument that is not literal, or is a list or object
// with an element that is not, such as [var.cidr], is recorded as
// unresolved with its whole expression.
func (l lifter) get(name string) any {
	expr, ok := l.n.attr(name)
	if !ok {
		return nil
	}
	v := l.ev.value(expr)
	if l.f == nil || !holdsOpaque(v) {
		return v
	}
	if op, isOpaque := v.(cloudfacts.Opaque); isOpaque {
		l.f.Unresolve(l.prefix+name, op.Text)
	} else {
		l.f.Unresolve(l.prefix+name, l.ev.text(expr))
	}
	return v
}

// holdsOpaque reports whether a value is, or contains at any depth, a
// value that could not be evaluated.
func holdsOpaque(v any) bool {
	switch x := v.(type) {
	case cloudfacts.Opaque:
		return true
	case []any:
		return slices.ContainsFunc(x, opaqueElement)
	case map[string]any:
		for _, e := range x {
			if opaqueElement(e) {
				return true
			}
		}
	}
	return false
}

// opaqueElement is holdsOpaque for an element of a list or object, where
// JSON syntax leaves an interpolation such as "${var.cidr}" as a string.
func opaqueElement(v any) bool {
	if s, ok := v.(string); ok {
		return cloudfacts.Templated(s)
	}
	return holdsOpaque(v)
}

// line returns the line of the first of the named arguments or nested
// blocks that the body holds, or 0 when it holds none of them.
func (l lifter) line(names ...string) int {
	for _, name := range names {
		if expr, ok := l.n.attr(name); ok {
			return expr.Range().Start.Line
		}
		if blocks := l.n.blocks(name); len(blocks) > 0 {
			return blocks[0].line
		}
	}
	return 0
}

// at records the line of the first of the named arguments as the line of a
// fact.
func (l lifter) at(fact string, names ...string) {
	l.f.At(fact, l.line(names...))
}

// tri reads a boolean argument; present is false when it is absent.
func (l lifter) tri(name string) (t cloudfacts.Tri, present bool) {
	v := l.get(name)
	if v == nil {
		return cloudfacts.False, false
	}
	t, _ = cloudfacts.BoolOf(v)
	return t, true
}

// triOr reads a boolean argument, or the provider's default when absent.
func (l lifter) triOr(name string, def bool) (cloudfacts.Tri, bool) {
	t, present := l.tri(name)
	if !present {
		return cloudfacts.Of(def), false
	}
	return t, true
}

// text reads a string argument: its value, whether it is known, whether it
// is present.
func (l lifter) text(name string) (s string, known, present bool) {
	switch v := l.get(name).(type) {
	case nil:
		return "", false, false
	case string:
		return v, !cloudfacts.Templated(v), true
	}
	return "", false, true
}

// oneOf tells whether a string argument is one of the values, ignoring case.
func (l lifter) oneOf(name string, values ...string) (cloudfacts.Tri, bool) {
	s, known, present := l.text(name)
	if !present {
		return cloudfacts.False, false
	}
	if !known {
		return cloudfacts.Unknown, true
	}
	for _, v := range values {
		if strings.EqualFold(s, v) {
			return cloudfacts.True, true
		}
	}
	return cloudfacts.False, true
}

// list reads an argument as a list, a lone value becoming a list of one.
func (l lifter) list(name string) []any {
	switch v := l.get(name).(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		return []any{v}
	}
}

// children returns lifters for the nested blocks of a type and, in JSON or
// attribute syntax, for each object of an argument of that name.
func (l lifter) children(typ string) []lifter {
	var out []lifter
	for _, b := range l.n.blocks(typ) {
		out = append(out, lifter{ev: l.ev, n: b, prefix: l.prefix + typ + ".", f: l.f})
	}
	return out
}

// objects returns the objects of an argument written as a list of objects,
// as Terraform allows for blocks such as ingress.
func (l lifter) objects(name string) ([]map[string]any, bool) {
	v := l.get(name)
	list, ok := v.([]any)
	if !ok {
		return nil, v != nil
	}
	var out []map[string]any
	for _, e := range list {
		obj, isObj := e.(map[string]any)
		if !isObj {
			return out, true
		}
		out = append(out, obj)
	}
	return out, false
}

// reference returns the resource address an argument refers to, such as
// "aws_s3_bucket.logs" for aws_s3_bucket.logs.id, or "" when it is not a
// plain reference to a resource or data source.
func (l lifter) reference(name string) string {
	expr, ok := l.n.attr(name)
	if !ok {
		return ""
	}
	text := strings.Trim(l.ev.text(expr), `"`)
	if strings.HasPrefix(text, "${") && strings.HasSuffix(text, "}") {
		text = strings.TrimSpace(text[2 : len(text)-1])
	}
	parts := strings.Split(withoutIndexes(text), ".")
	switch {
	case len(parts) >= 3 && parts[0] == "data" && validName(parts[1]) && validName(parts[2]):
		return strings.Join(parts[:3], ".")
	case len(parts) >= 2 && validName(parts[0]) && validName(parts[1]) &&
		strings.Contains(parts[0], "_"):
		return parts[0] + "." + parts[1]
	}
	return ""
}

// withoutIndexes drops the index of an instance of a resource with count
// or for_each, as in aws_s3_bucket.site[0].id or
// aws_s3_bucket.site[each.key].id: every instance is the same resource for
// the facts, and a key such as "a.b" would otherwise split the address.
// A splat such as aws_s3_bucket.site[*].id stays, since it is a list of
// addresses rather than one.
func withoutIndexes(text string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '[')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], ']')
		if end < 0 || strings.TrimSpace(text[open+1:open+end]) == "*" {
			break
		}
		b.WriteString(text[:open])
		text = text[open+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !(letter || r == '_' || r == '-' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
