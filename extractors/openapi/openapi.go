package openapi

import (
	"bytes"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads OpenAPI and Swagger definitions. The zero value is ready
// to use and safe for concurrent use.
type Extractor struct{}

// New returns an OpenAPI extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "openapi" }

// Match implements extractors.Extractor. Definitions have no conventional
// name, so every YAML and JSON file is a candidate; Extract tells them apart
// by content.
func (*Extractor) Match(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Extract implements extractors.Extractor. A file that is not a definition
// yields nothing and no error. A definition that does not parse, or whose
// parts have the wrong shape, is reported at the line of the first problem,
// along with the operations that could be read.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	if !looksLikeDefinition(f.Content) {
		return nil, nil
	}
	docs, parseErr := parseDocuments(f.Content, isJSON(f.Path))
	root, versionKey := findDefinition(docs)
	if root == nil {
		if parseErr != nil && surelyDefinition(f.Content) {
			return nil, parseErr
		}
		return nil, nil
	}

	s := newSpec(f.Path, root, versionKey, repo)
	s.problems.add(parseErr)
	items := s.items()
	return items, s.problems.first
}

// looksLikeDefinition is a cheap look for a top-level openapi or swagger key
// before anything is parsed: most YAML and JSON files are something else,
// and several extractors may read the same one.
func looksLikeDefinition(content []byte) bool {
	for _, key := range []string{"openapi", "swagger"} {
		if hasYAMLKey(content, key) || hasJSONKey(content, key) {
			return true
		}
	}
	return false
}

// surelyDefinition decides whether a file that does not parse was meant to
// be a definition, so that its syntax error is worth a diagnostic: a YAML
// openapi or swagger key at the top level, or in JSON one of those keys with
// a paths or info key too. Other broken files are someone else's business.
func surelyDefinition(content []byte) bool {
	for _, key := range []string{"openapi", "swagger"} {
		if hasYAMLKey(content, key) {
			return true
		}
		if hasJSONKey(content, key) &&
			(hasJSONKey(content, "paths") || hasJSONKey(content, "info")) {
			return true
		}
	}
	return false
}

// hasYAMLKey finds key at the start of a line, as a block mapping's top
// level writes it.
func hasYAMLKey(content []byte, key string) bool {
	content = bytes.TrimPrefix(content, []byte("\uFEFF"))
	for _, written := range []string{key + ":", "'" + key + "':"} {
		if bytes.HasPrefix(content, []byte(written)) ||
			bytes.Contains(content, []byte("\n"+written)) {
			return true
		}
	}
	return false
}

// hasJSONKey finds "key" followed by a colon anywhere: JSON's nesting cannot
// be told without parsing, which findDefinition then does.
func hasJSONKey(content []byte, key string) bool {
	quoted := []byte(`"` + key + `"`)
	for {
		i := bytes.Index(content, quoted)
		if i < 0 {
			return false
		}
		content = content[i+len(quoted):]
		if rest := bytes.TrimLeft(content, " \t\r\n"); len(rest) > 0 && rest[0] == ':' {
			return true
		}
	}
}

// findDefinition returns the first document whose top level has an openapi
// or swagger key with a version, and that key.
func findDefinition(docs []*yaml.Node) (root, versionKey *yaml.Node) {
	for _, doc := range docs {
		for _, key := range []string{"openapi", "swagger"} {
			value, keyNode := lookup(doc, key)
			if value != nil && value.Kind == yaml.ScalarNode && value.Value != "" {
				return doc, keyNode
			}
		}
	}
	return nil, nil
}

func isJSON(p string) bool { return strings.EqualFold(path.Ext(p), ".json") }

// problems keeps the first of the problems that do not stop a read.
type problems struct{ first error }

func (p *problems) add(err error) {
	if p.first == nil {
		p.first = err
	}
}
