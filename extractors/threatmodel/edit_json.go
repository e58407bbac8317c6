package threatmodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// editJSON applies c to the parsed document and writes it back as indented
// JSON, keeping the order of keys the user chose.
func editJSON(root *yaml.Node, c Changes) ([]byte, error) {
	_, surface := section(root, "surface")
	ids := make([]string, 0, len(c.UpdateSurface))
	for id := range c.UpdateSurface {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		entry := entryByID(surface, id)
		if entry == nil {
			return nil, fmt.Errorf("surface %s: no such entry", id)
		}
		u := c.UpdateSurface[id]
		for _, f := range updateFields(u) {
			setField(entry, f[0], f[1])
		}
		if clearsReviewer(u) {
			deleteField(entry, "reviewed_by")
		}
	}
	for _, e := range c.AddSurface {
		appendNode(root, "surface", mappingNode(surfaceFields(e)))
	}
	for _, a := range c.AddAcceptance {
		appendNode(root, "acceptances", mappingNode(acceptanceFields(a)))
	}

	var b strings.Builder
	writeJSONNode(&b, root, "")
	b.WriteString("\n")
	return []byte(b.String()), nil
}

func setField(mapping *yaml.Node, key, value string) {
	if v := field(mapping, key); v != nil {
		v.Value, v.Tag, v.Kind = value, "!!str", yaml.ScalarNode
		return
	}
	mapping.Content = append(mapping.Content, stringNode(key), stringNode(value))
}

func deleteField(mapping *yaml.Node, key string) {
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if mapping.Content[i].Value == key {
			mapping.Content = append(mapping.Content[:i], mapping.Content[i+2:]...)
			return
		}
	}
}

func appendNode(root *yaml.Node, name string, entry *yaml.Node) {
	_, list := section(root, name)
	if list == nil {
		list = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		root.Content = append(root.Content, stringNode(name), list)
	}
	list.Content = append(list.Content, entry)
}

func mappingNode(fields [][2]string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, f := range fields {
		n.Content = append(n.Content, stringNode(f[0]), stringNode(f[1]))
	}
	return n
}

func stringNode(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

// writeJSONNode renders a node parsed from JSON, two spaces per level.
func writeJSONNode(b *strings.Builder, n *yaml.Node, indent string) {
	inner := indent + "  "
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i := 0; i+1 < len(n.Content); i += 2 {
			b.WriteString(inner + jsonString(n.Content[i].Value) + ": ")
			writeJSONNode(b, n.Content[i+1], inner)
			b.WriteString(separator(i+2 < len(n.Content)))
		}
		b.WriteString(indent + "}")
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, item := range n.Content {
			b.WriteString(inner)
			writeJSONNode(b, item, inner)
			b.WriteString(separator(i+1 < len(n.Content)))
		}
		b.WriteString(indent + "]")
	default:
		b.WriteString(jsonScalar(n))
	}
}

func separator(more bool) string {
	if more {
		return ",\n"
	}
	return "\n"
}

func jsonScalar(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!int", "!!float", "!!bool":
		return n.Value
	case "!!null":
		return "null"
	}
	return jsonString(n.Value)
}

func jsonString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}
