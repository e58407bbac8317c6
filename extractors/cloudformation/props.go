package cloudformation

import (
	"strings"

	cf "github.com/tms-dev/tms/extractors/cloudfacts"
)

// props reads the Properties of one resource, or a nested property object.
// prefix names nested properties in unresolved, e.g. "Policies.PolicyDocument".
type props struct {
	m      map[string]any
	prefix string
	f      *cf.Facts
}

// get returns a property, nil when absent; an intrinsic is recorded as
// unresolved.
func (p props) get(name string) any {
	v := p.m[name]
	if op, ok := v.(cf.Opaque); ok {
		p.f.Unresolve(p.prefix+name, op.Text)
	}
	return v
}

// tri reads a boolean property, or def when it is absent.
func (p props) tri(name string, def bool) (t cf.Tri, explicit bool) {
	v := p.get(name)
	if v == nil {
		return cf.Of(def), false
	}
	t, _ = cf.BoolOf(v)
	return t, true
}

// text reads a string property, or def when it is absent; known is false
// for an intrinsic.
func (p props) text(name, def string) (s string, known bool) {
	switch v := p.get(name).(type) {
	case nil:
		return def, true
	case string:
		return v, !cf.Templated(v)
	}
	return "", false
}

// oneOf tells whether a string property, or its default, is one of values.
func (p props) oneOf(name, def string, values ...string) cf.Tri {
	s, known := p.text(name, def)
	if !known {
		return cf.Unknown
	}
	for _, v := range values {
		if strings.EqualFold(s, v) {
			return cf.True
		}
	}
	return cf.False
}

// child returns a nested property object.
func (p props) child(name string) (props, bool) {
	m, ok := p.get(name).(map[string]any)
	return props{m: m, prefix: p.prefix + name + ".", f: p.f}, ok
}

// children returns the objects of a list property; unknown is true when the
// list, or one of its elements, is an intrinsic.
func (p props) children(name string) (out []props, unknown bool) {
	switch v := p.get(name).(type) {
	case nil:
		return nil, false
	case []any:
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				unknown = true
				continue
			}
			out = append(out, props{m: m, prefix: p.prefix + name + ".", f: p.f})
		}
		return out, unknown
	}
	return nil, true
}
