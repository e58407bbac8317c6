package gitlabci

import "gopkg.in/yaml.v3"

// maxAliasDepth bounds the aliases followed in a row and the merge keys
// followed from one mapping, so that a cyclic or hostile file ends.
const maxAliasDepth = 32

// resolve follows aliases and unwraps the document node.
func resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && depth < maxAliasDepth; depth++ {
		switch n.Kind {
		case yaml.AliasNode:
			n = n.Alias
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		default:
			return n
		}
	}
	return nil
}

// pair is one key and value of a mapping.
type pair struct {
	key   *yaml.Node
	value *yaml.Node
}

// pairs lists a mapping's entries, those brought in by << merge keys
// included. A key written in the mapping itself wins over a merged one, as
// YAML's merge key specifies.
func pairs(n *yaml.Node) []pair {
	return mergedPairs(n, 0, map[*yaml.Node]bool{})
}

func mergedPairs(n *yaml.Node, depth int, seen map[*yaml.Node]bool) []pair {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode || depth > maxAliasDepth || seen[n] {
		return nil
	}
	seen[n] = true

	var own, merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		if key.Tag != "!!merge" {
			own = append(own, pair{key, value})
			continue
		}
		sources := []*yaml.Node{value}
		if v := resolve(value); v != nil && v.Kind == yaml.SequenceNode {
			sources = v.Content
		}
		for _, src := range sources {
			merged = append(merged, mergedPairs(src, depth+1, seen)...)
		}
	}
	out := own
	for _, p := range merged {
		if lookupIn(out, p.key.Value) == nil {
			out = append(out, p)
		}
	}
	return out
}

func lookupIn(ps []pair, key string) *yaml.Node {
	for _, p := range ps {
		if p.key.Value == key {
			return p.value
		}
	}
	return nil
}

// lookup returns the resolved value of key in a mapping, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	return resolve(lookupIn(pairs(n), key))
}

func scalar(n *yaml.Node) string {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// items returns a sequence's elements, or the node alone when it is not a
// sequence: GitLab accepts a single value wherever it accepts a list.
func items(n *yaml.Node) []*yaml.Node {
	n = resolve(n)
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range n.Content {
			if c = resolve(c); c != nil {
				out = append(out, c)
			}
		}
		return out
	}
	return []*yaml.Node{n}
}

// scalars lists every scalar under n, visiting each node once, so that
// aliases cannot make the walk grow without bound.
func scalars(n *yaml.Node, seen map[*yaml.Node]bool) []string {
	n = resolve(n)
	if n == nil || seen[n] {
		return nil
	}
	seen[n] = true
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, scalars(c, seen)...)
	}
	return out
}
