package yamlnode

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxDepth bounds how many aliases and merge keys a lookup follows, so a
// crafted file cannot make one lookup walk an exponential graph of merges.
const maxDepth = 16

// Resolve follows aliases to the node they name. It returns nil for nil.
func Resolve(n *yaml.Node) *yaml.Node {
	for range maxDepth {
		if n == nil || n.Kind != yaml.AliasNode {
			return n
		}
		n = n.Alias
	}
	return nil
}

// Pair is one key of a mapping with its value, aliases resolved.
type Pair struct {
	Key   *yaml.Node
	Value *yaml.Node
}

// Pairs lists the entries of a mapping: its own keys first, in file order,
// then those that merge keys ("<<: *base") bring in and the mapping does not
// set itself, as YAML 1.1 merges them. It returns nil for anything else.
func Pairs(m *yaml.Node) []Pair {
	c := collector{seen: map[string]bool{}, visited: map[*yaml.Node]bool{}}
	c.collect(Resolve(m), 0)
	return c.out
}

// collector gathers a mapping's pairs. A mapping merged twice adds nothing
// the second time, so each is visited once: merges stay linear in the size
// of the file however they are nested.
type collector struct {
	out     []Pair
	seen    map[string]bool
	visited map[*yaml.Node]bool
}

func (c *collector) collect(m *yaml.Node, depth int) {
	if m == nil || m.Kind != yaml.MappingNode || depth > maxDepth || c.visited[m] {
		return
	}
	c.visited[m] = true

	var merged []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, value := m.Content[i], Resolve(m.Content[i+1])
		if isMerge(key) {
			merged = append(merged, value)
			continue
		}
		if value == nil || c.seen[key.Value] {
			continue
		}
		c.seen[key.Value] = true
		c.out = append(c.out, Pair{Key: key, Value: value})
	}

	// Earlier mappings of a merge list win over later ones.
	for _, value := range merged {
		if value.Kind == yaml.SequenceNode {
			for _, item := range value.Content {
				c.collect(Resolve(item), depth+1)
			}
			continue
		}
		c.collect(value, depth+1)
	}
}

func isMerge(key *yaml.Node) bool {
	return key.Kind == yaml.ScalarNode && key.Value == "<<" && key.Tag == "!!merge"
}

// Get returns the value of key in mapping m, merge keys included, or nil.
func Get(m *yaml.Node, key string) *yaml.Node {
	for _, p := range Pairs(m) {
		if p.Key.Value == key {
			return p.Value
		}
	}
	return nil
}

// KeyLine returns the 1-based line of key in mapping m, merge keys included,
// or 0 when the key is absent. A merged key is at the line of its anchor's
// mapping, where the value is written.
func KeyLine(m *yaml.Node, key string) int {
	for _, p := range Pairs(m) {
		if p.Key.Value == key {
			return p.Key.Line
		}
	}
	return 0
}

// Path follows keys through nested mappings and returns nil as soon as one
// is missing.
func Path(m *yaml.Node, keys ...string) *yaml.Node {
	n := Resolve(m)
	for _, k := range keys {
		n = Get(n, k)
	}
	return n
}

// Items returns the elements of a sequence, aliases resolved, or nil.
func Items(n *yaml.Node) []*yaml.Node {
	n = Resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c = Resolve(c); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// String returns a scalar's text; ok is false for a null, a missing node or
// a collection.
func String(n *yaml.Node) (s string, ok bool) {
	n = Resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

// Text returns a scalar's text, or "" when there is none.
func Text(n *yaml.Node) string {
	s, _ := String(n)
	return s
}

// Bool reads a boolean. Unquoted yes, no, on and off count too: Kubernetes
// converts manifests with a YAML 1.1 reader, which takes them for booleans.
func Bool(n *yaml.Node) (value, ok bool) {
	n = Resolve(n)
	quoted := yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle
	if n == nil || n.Kind != yaml.ScalarNode || n.Style&quoted != 0 {
		return false, false
	}
	switch strings.ToLower(n.Value) {
	case "true", "yes", "y", "on":
		return true, true
	case "false", "no", "n", "off":
		return false, true
	}
	return false, false
}

// IsTrue reports whether n is a boolean true.
func IsTrue(n *yaml.Node) bool {
	v, ok := Bool(n)
	return ok && v
}

// Int reads an integer written in decimal, octal (0o) or hexadecimal (0x).
func Int(n *yaml.Node) (int64, bool) {
	n = Resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
	return v, err == nil
}

// Scalar returns a scalar as JSON-friendly data: an int for an integer, a
// bool for a boolean, a string otherwise; nil for a null or a collection.
func Scalar(n *yaml.Node) any {
	n = Resolve(n)
	if v, ok := Int(n); ok {
		return int(v)
	}
	if n != nil && n.Tag == "!!bool" {
		v, _ := Bool(n)
		return v
	}
	if s, ok := String(n); ok {
		return s
	}
	return nil
}

// StringMap reads a mapping of scalars, such as labels or a selector, as
// JSON-friendly data. Entries whose value is not a scalar are left out.
func StringMap(n *yaml.Node) map[string]any {
	out := map[string]any{}
	for _, p := range Pairs(n) {
		if s, ok := String(p.Value); ok {
			out[p.Key.Value] = s
		}
	}
	return out
}

// Strings reads a sequence of scalars, leaving out anything else.
func Strings(n *yaml.Node) []string {
	var out []string
	for _, item := range Items(n) {
		if s, ok := String(item); ok {
			out = append(out, s)
		}
	}
	return out
}
