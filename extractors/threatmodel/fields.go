package threatmodel

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"
)

// Fields is a mapping node whose keys have been checked against the keys its
// reader knows. Its getters record a problem for a value of the wrong type and
// return the zero value, so that decoding carries on to the next problem.
// Every method of a nil *Fields does nothing and returns zero values, so a
// reader need not check whether the node was a mapping.
type Fields struct {
	d      *Decoder
	field  string
	node   *yaml.Node
	values map[string]*yaml.Node
}

// Fields checks that n is a mapping whose keys are all in known and appear
// once, recording a problem for each key that is not. field is the path of n
// in problems, e.g. "threats[2]", or "" for the root. Fields returns nil when
// n is nil (absent, or already reported) or, after recording a problem, when
// n is not a mapping.
func (d *Decoder) Fields(n *yaml.Node, field string, known ...string) *Fields {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.mismatch(n, field, "a mapping")
		return nil
	}

	f := &Fields{d: d, field: field, node: n, values: make(map[string]*yaml.Node)}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f.add(n.Content[i], n.Content[i+1], known)
	}
	return f
}

func (f *Fields) add(key, value *yaml.Node, known []string) {
	if key.Kind != yaml.ScalarNode {
		f.d.mismatch(key, f.field, "a field name")
		return
	}

	name := key.Value
	switch first, seen := f.values[name]; {
	case !slices.Contains(known, name):
		f.d.Problemf(key, f.Path(name), "unknown field (expected one of %s)",
			strings.Join(known, ", "))
	case seen:
		f.d.Problemf(key, f.Path(name), "duplicate field, first at line %d (expected it once)",
			first.Line)
	default:
		f.values[name] = value
	}
}

// Path is the field path of key in problems, e.g. "threats[2].severity". An
// empty key gives the path of the mapping itself.
func (f *Fields) Path(key string) string {
	switch {
	case f == nil:
		return key
	case key == "":
		return f.field
	case f.field == "":
		return key
	}
	return f.field + "." + key
}

// Has reports whether the mapping sets key.
func (f *Fields) Has(key string) bool {
	return f.Node(key) != nil
}

// Node is the value of key, or nil when the mapping does not set it.
func (f *Fields) Node(key string) *yaml.Node {
	if f == nil {
		return nil
	}
	return f.values[key]
}

// Problemf records a problem at the value of key, or at the mapping itself
// when key is empty or not set.
func (f *Fields) Problemf(key, format string, args ...any) {
	if f == nil {
		return
	}
	n := f.Node(key)
	if n == nil {
		n = f.node
	}
	f.d.Problemf(n, f.Path(key), format, args...)
}

// Require records a problem for each of keys that the mapping does not set.
func (f *Fields) Require(keys ...string) {
	for _, key := range keys {
		if f != nil && !f.Has(key) {
			f.Problemf(key, "missing (required)")
		}
	}
}

// Check says what is wrong with a string value, or returns "" when nothing
// is. Its message follows the Problem style: "what is wrong (expected ...)".
type Check func(value string) string

// String returns the string value of key, or "" when it is not set. A value
// that is not a string, or that fails one of checks, is recorded as a
// problem.
func (f *Fields) String(key string, checks ...Check) string {
	n := f.Node(key)
	if n == nil {
		return ""
	}
	return f.d.text(n, f.Path(key), "a string", checks)
}

// Strings returns the list of strings at key, or an empty list when it is not
// set. Each item must be a string that passes checks.
func (f *Fields) Strings(key string, checks ...Check) []string {
	list := []string{}
	f.Each(key, "a list of strings", func(item *yaml.Node, field string) {
		list = append(list, f.d.text(item, field, "a string", checks))
	})
	return list
}

// Each calls fn for every item of the list at key, with the item's field path,
// e.g. "threats[2]". expected describes the list in the problem recorded when
// the value is not a list.
func (f *Fields) Each(key, expected string, fn func(item *yaml.Node, field string)) {
	n := f.Node(key)
	if n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		expected += "; write [] for none"
	}
	if n.Kind != yaml.SequenceNode {
		f.d.mismatch(n, f.Path(key), expected)
		return
	}
	for i, item := range n.Content {
		fn(item, fmt.Sprintf("%s[%d]", f.Path(key), i))
	}
}

// Int returns the integer at key, and whether the mapping sets one.
func (f *Fields) Int(key string) (int, bool) {
	n := f.Node(key)
	if n == nil {
		return 0, false
	}

	var v int
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		f.d.mismatch(n, f.Path(key), "an integer")
		return 0, false
	}
	return v, true
}

// text is the value of a string scalar. Unquoted dates are strings here: the
// file has no date type, and "expires: 2025-01-31" is how people write them.
func (d *Decoder) text(n *yaml.Node, field, expected string, checks []Check) string {
	switch tag := n.ShortTag(); {
	case n.Kind != yaml.ScalarNode:
		d.mismatch(n, field, expected)
		return ""
	case tag == "!!int" || tag == "!!float" || tag == "!!bool":
		d.mismatch(n, field, expected+"; quote it to keep it as text")
		return ""
	case tag != "!!str" && tag != "!!timestamp":
		d.mismatch(n, field, expected)
		return ""
	}

	for _, check := range checks {
		if msg := check(n.Value); msg != "" {
			d.Problemf(n, field, "%s", msg)
			break
		}
	}
	return n.Value
}

func (d *Decoder) mismatch(n *yaml.Node, field, expected string) {
	if n.Kind == yaml.AliasNode {
		expected += "; aliases are not supported"
	}
	d.Problemf(n, field, "found %s (expected %s)", describe(n), expected)
}

// describe names what a node holds, for "found ..." messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias *" + n.Value
	case yaml.ScalarNode:
		return describeScalar(n)
	}
	return "a document"
}

func describeScalar(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		return "the string " + quote(n.Value)
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	case "!!null":
		return "null"
	}
	return "a value tagged " + n.ShortTag()
}

// quote shortens long values so that one problem stays one line.
func quote(s string) string {
	const limit = 40
	if r := []rune(s); len(r) > limit {
		return strconv.Quote(string(r[:limit])) + "..."
	}
	return strconv.Quote(s)
}

// OneOf accepts exactly the allowed values; what names them in the message,
// e.g. OneOf("a severity", "high", "low") reports
// `"hgh" is not a severity (expected one of high, low)`.
func OneOf(what string, allowed ...string) Check {
	return func(v string) string {
		if slices.Contains(allowed, v) {
			return ""
		}
		return fmt.Sprintf("%s is not %s (expected one of %s)",
			quote(v), what, strings.Join(allowed, ", "))
	}
}

// NonEmpty rejects the empty string.
func NonEmpty(v string) string {
	if v == "" {
		return "empty string (expected a non-empty string)"
	}
	return ""
}

// Glob accepts valid github.com/bmatcuk/doublestar/v4 patterns.
func Glob(v string) string {
	if doublestar.ValidatePattern(v) {
		return ""
	}
	return fmt.Sprintf(`%s is not a valid glob (expected a doublestar pattern, e.g. "src/**/*.go")`,
		quote(v))
}
