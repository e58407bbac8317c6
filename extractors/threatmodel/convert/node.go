package convert

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// fields is one mapping of the source, read leniently: tools add keys of
// their own, so unknown keys are ignored, and a value of the wrong type is
// reported against the element and read as absent. Every method of a nil
// *fields returns zero values.
type fields struct {
	b      *builder
	what   string // the element, for reports
	self   *yaml.Node
	values map[string]*yaml.Node
	keys   []pair // in document order
}

// pair is one key and value of a mapping whose keys name its entries, as
// Threagile keys technical assets by title.
type pair struct {
	key   string
	node  *yaml.Node // the key, for its line
	value *yaml.Node
}

// fields reads n as a mapping describing what. It returns nil, without a
// report, when n is not a mapping: the caller knows what that means.
func (b *builder) fields(n *yaml.Node, what string) *fields {
	return b.mapping(n, what, map[*yaml.Node]bool{})
}

// mapping reads n, merging in the mappings named by "<<" keys. seen holds
// the nodes already merged, since an anchor may be merged into itself.
func (b *builder) mapping(n *yaml.Node, what string, seen map[*yaml.Node]bool) *fields {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode || seen[n] {
		return nil
	}
	seen[n] = true

	f := &fields{b: b, what: what, self: n, values: map[string]*yaml.Node{}}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if _, seen := f.values[k.Value]; !seen {
			f.values[k.Value] = v
			f.keys = append(f.keys, pair{key: k.Value, node: k, value: v})
		}
	}
	// Keys written in the mapping win over those merged in with "<<".
	for _, m := range merges {
		f.merge(m, seen)
	}
	return f
}

func (f *fields) merge(n *yaml.Node, seen map[*yaml.Node]bool) {
	n = resolve(n)
	if n != nil && n.Kind == yaml.SequenceNode {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, item := range n.Content {
			f.merge(item, seen)
		}
		return
	}
	src := f.b.mapping(n, f.what, seen)
	if src == nil {
		return
	}
	for _, p := range src.keys {
		if _, seen := f.values[p.key]; !seen {
			f.values[p.key] = p.value
			f.keys = append(f.keys, p)
		}
	}
}

// describing sets what reports about the mapping's fields call it, once
// its id is known.
func (f *fields) describing(what string) {
	if f != nil {
		f.what = what
	}
}

// resolve follows aliases to the node they name. A chain longer than any
// real file uses is cut, so a crafted file cannot loop.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i == 16 {
			return nil
		}
		n = n.Alias
	}
	return n
}

// isNull reports whether n is absent or an explicit null.
func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// node returns the value at key, or nil when it is absent or null.
func (f *fields) node(key string) *yaml.Node {
	if f == nil {
		return nil
	}
	n := resolve(f.values[key])
	if isNull(n) {
		return nil
	}
	return n
}

// has reports whether key is set to something other than null.
func (f *fields) has(key string) bool { return f.node(key) != nil }

// at is the mapping itself, for reports about the whole element.
func (f *fields) at() *yaml.Node {
	if f == nil {
		return nil
	}
	return f.self
}

// text returns the scalar at key as text; numbers and booleans are read as
// written, so `id: 7` is the id "7".
func (f *fields) text(key string) string {
	n := f.node(key)
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		f.wrongType(key, n, "text")
		return ""
	}
	return n.Value
}

// flag returns the boolean at key and whether one is set.
func (f *fields) flag(key string) (value, set bool) {
	n := f.node(key)
	if n == nil {
		return false, false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		f.wrongType(key, n, "true or false")
		return false, false
	}
	var v bool
	if err := n.Decode(&v); err != nil {
		f.wrongType(key, n, "true or false")
		return false, false
	}
	return v, true
}

// number returns the number at key and whether one is set.
func (f *fields) number(key string) (float64, bool) {
	n := f.node(key)
	if n == nil {
		return 0, false
	}
	tag := n.ShortTag()
	if n.Kind == yaml.ScalarNode && (tag == "!!int" || tag == "!!float") {
		var v float64
		if err := n.Decode(&v); err == nil {
			return v, true
		}
	}
	f.wrongType(key, n, "a number")
	return 0, false
}

// list returns the items of the list at key.
func (f *fields) list(key string) []*yaml.Node {
	n := f.node(key)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		f.wrongType(key, n, "a list")
		return nil
	}
	items := make([]*yaml.Node, 0, len(n.Content))
	for _, item := range n.Content {
		if item = resolve(item); item != nil {
			items = append(items, item)
		}
	}
	return items
}

// texts returns the scalar items of the list at key; other items are
// reported and skipped.
func (f *fields) texts(key string) []string {
	var out []string
	for _, item := range f.list(key) {
		switch {
		case isNull(item):
		case item.Kind == yaml.ScalarNode:
			out = append(out, item.Value)
		default:
			f.wrongType(key, item, "text")
		}
	}
	return out
}

// sub returns the mapping at key, or nil.
func (f *fields) sub(key, what string) *fields {
	n := f.node(key)
	if n == nil {
		return nil
	}
	sub := f.b.fields(n, what)
	if sub == nil {
		f.wrongType(key, n, "a mapping")
	}
	return sub
}

// entries returns the pairs of the mapping at key, for sections whose keys
// name their entries.
func (f *fields) entries(key string) []pair {
	sub := f.sub(key, f.what)
	if sub == nil {
		return nil
	}
	return sub.keys
}

func (f *fields) wrongType(key string, n *yaml.Node, expected string) {
	f.b.report(n, f.what, "field %s is %s (expected %s); ignored", key, describe(n), expected)
}

// describe names what a node holds, for reports.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "not a value"
}
