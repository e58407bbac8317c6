package openapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// parseDocuments parses every YAML document of data, JSON included. yaml.v3
// has panicked on hostile input before; a panic becomes an error here, since
// one bad file must not stop the walk.
func parseDocuments(data []byte, isJSON bool) (docs []*yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			docs, err = nil, fmt.Errorf("parse: yaml parser failed: %v", r)
		}
	}()
	if isJSON {
		data = jsonEscapesForYAML(data)
	}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, syntaxError(data, err, isJSON)
		}
		if len(doc.Content) == 1 {
			docs = append(docs, doc.Content[0])
		}
	}
}

// yamlErrorLine picks the line out of yaml.v3's syntax errors.
var yamlErrorLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError places a syntax error on its line. encoding/json knows the
// exact offset of a JSON mistake. yaml.v3 prints the line of the construct it
// was reading, counted from 0 for parser errors ("did not find expected
// ..."), which is why those are moved down by one; its lines are never past
// the end of the file.
func syntaxError(data []byte, err error, isJSON bool) error {
	if isJSON {
		var syntax *json.SyntaxError
		if errors.As(json.Unmarshal(data, new(any)), &syntax) {
			before := data[:min(max(syntax.Offset-1, 0), int64(len(data)))]
			line := bytes.Count(before, []byte("\n")) + 1
			return extractors.AtLine(line, fmt.Errorf("parse: %w", syntax))
		}
	}

	m := yamlErrorLine.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("parse: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	line, _ := strconv.Atoi(m[1])
	if strings.HasPrefix(m[2], "did not find expected") {
		line++
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	return extractors.AtLine(min(max(line, 1), lines), fmt.Errorf("parse: %s", m[2]))
}

// jsonEscapesForYAML rewrites the two JSON string escapes that yaml.v3 does
// not know: "\/" and UTF-16 surrogate pairs such as "\ud83d\ude00". The
// rewrite never adds or removes a line, so positions stay true.
func jsonEscapesForYAML(data []byte) []byte {
	if !bytes.Contains(data, []byte(`\/`)) && !bytes.Contains(data, []byte(`\u`)) {
		return data
	}

	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' || i+1 == len(data) {
			out = append(out, data[i])
			continue
		}
		switch data[i+1] {
		case '/':
			out = append(out, '/')
		case 'u', 'U':
			escape, used := unicodeEscape(data[i:])
			out = append(out, escape...)
			i += used - 2
		default:
			out = append(out, data[i], data[i+1])
		}
		i++
	}
	return out
}

// unicodeEscape translates the \u escape at the start of b. A surrogate pair
// becomes one \U escape; a lone surrogate, which no YAML escape can hold,
// becomes U+FFFD as encoding/json decodes it.
func unicodeEscape(b []byte) (escape []byte, used int) {
	high, ok := hex4(b, 2)
	if !ok || !utf16.IsSurrogate(high) || b[1] == 'U' {
		return b[:2], 2
	}
	if low, ok := hex4(b, 8); ok && b[6] == '\\' && b[7] == 'u' {
		if r := utf16.DecodeRune(high, low); r != '\uFFFD' {
			return fmt.Appendf(nil, `\U%08X`, r), 12
		}
	}
	return []byte(`\uFFFD`), 6
}

// hex4 reads four hex digits at b[at:].
func hex4(b []byte, at int) (rune, bool) {
	if len(b) < at+4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[at:at+4]), 16, 16)
	return rune(n), err == nil
}

// resolved follows aliases, so that an anchored value reads like any other.
// Aliases cannot nest without end: yaml.v3 rejects an alias to an anchor
// that is not yet complete.
func resolved(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// pair is one key and value of a mapping.
type pair struct {
	key   *yaml.Node
	value *yaml.Node
}

// pairs lists the entries of a mapping in order, those brought in with a
// "<<" merge key included after the mapping's own, which win.
func pairs(n *yaml.Node) []pair {
	return mergedPairs(n, 0)
}

// mergedPairs stops at a small depth: merges of merges are rare, and a
// bound keeps a hostile file from making the walk slow.
func mergedPairs(n *yaml.Node, depth int) []pair {
	n = resolved(n)
	if n == nil || n.Kind != yaml.MappingNode || depth > 4 {
		return nil
	}

	var own, merged []pair
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := resolved(n.Content[i]), n.Content[i+1]
		if key.Kind == yaml.ScalarNode && key.ShortTag() == "!!merge" {
			merged = append(merged, mergeSources(value, depth)...)
			continue
		}
		seen[key.Value] = true
		own = append(own, pair{key, value})
	}
	for _, p := range merged {
		if !seen[p.key.Value] {
			seen[p.key.Value] = true
			own = append(own, p)
		}
	}
	return own
}

func mergeSources(value *yaml.Node, depth int) []pair {
	value = resolved(value)
	if value.Kind != yaml.SequenceNode {
		return mergedPairs(value, depth+1)
	}
	var out []pair
	for _, source := range value.Content {
		out = append(out, mergedPairs(source, depth+1)...)
	}
	return out
}

// lookup returns the value under key in a mapping, and the key node.
func lookup(n *yaml.Node, key string) (value, keyNode *yaml.Node) {
	for _, p := range pairs(n) {
		if p.key.Kind == yaml.ScalarNode && p.key.Value == key {
			return resolved(p.value), p.key
		}
	}
	return nil, nil
}

// scalar returns the text of a scalar value under key, or "".
func scalar(n *yaml.Node, key string) string {
	v, _ := lookup(n, key)
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}

// isMapping reports whether n is a mapping once aliases are followed.
func isMapping(n *yaml.Node) bool {
	n = resolved(n)
	return n != nil && n.Kind == yaml.MappingNode
}

// isNull reports whether n is absent or an explicit null.
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}
