package cloudformation

import (
	"bytes"
	"errors"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// Extractor reads CloudFormation templates. The zero value is ready to use
// and safe for concurrent use.
type Extractor struct{}

// New returns a CloudFormation extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "cloudformation" }

// extensions are those templates are saved with; which files really are
// templates is decided from their content.
var extensions = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".template": true}

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool {
	return extensions[strings.ToLower(path.Ext(p))] && !strings.HasSuffix(p, ".tf.json")
}

var (
	versionMarker   = []byte("AWSTemplateFormatVersion")
	typeMarker      = []byte("AWS::")
	resourcesMarker = []byte("Resources")
)

// Extract implements extractors.Extractor. Files that are not templates,
// which most YAML and JSON files are, give no items and no error.
func (*Extractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	declared := bytes.Contains(f.Content, versionMarker)
	typed := bytes.Contains(f.Content, resourcesMarker) && bytes.Contains(f.Content, typeMarker)
	if !declared && !typed {
		return nil, nil
	}

	var probs yamlnode.Problems
	docs := yamlnode.Decode(f.Content, &probs)
	var items []extractors.Item
	found := false
	for _, doc := range docs {
		root := yamlnode.Resolve(doc)
		if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
			root = yamlnode.Resolve(root.Content[0])
		}
		got, isTemplate := template(f.Path, root, &probs)
		items = append(items, got...)
		found = found || isTemplate
	}
	if !found && !declared {
		return nil, nil
	}
	return clampLines(f.Content, items, probs.Err())
}

// clampLines keeps lines inside the file as the walker counts them, by
// newlines: YAML also breaks lines at a lone carriage return, so yaml.v3
// can count more lines than the file has.
func clampLines(content []byte, items []extractors.Item, err error) ([]extractors.Item, error) {
	lines := bytes.Count(content, []byte("\n")) + 1
	for i := range items {
		items[i].Location.Line = min(items[i].Location.Line, lines)
	}
	return items, clampError(err, lines)
}

// clampError keeps the line of err, or of each error it joins, at most
// lines.
func clampError(err error, lines int) error {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var errs []error
		for _, e := range joined.Unwrap() {
			errs = append(errs, clampError(e, lines))
		}
		return errors.Join(errs...)
	}
	var le *extractors.LineError
	if errors.As(err, &le) && le.Line > lines {
		return extractors.AtLine(lines, le.Err)
	}
	return err
}

// template reads one document when it is a template: it declares a format
// version, or its Resources hold at least one AWS:: type.
func template(p string, root *yaml.Node, probs *yamlnode.Problems) ([]extractors.Item, bool) {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil, false
	}
	version := yamlnode.Get(root, "AWSTemplateFormatVersion")
	resources := yamlnode.Get(root, "Resources")
	if resources == nil || resources.Kind != yaml.MappingNode {
		if version != nil {
			probs.Add(root.Line, errors.New("template has no Resources mapping"))
			return nil, true
		}
		return nil, false
	}

	t := newTemplate(p, resources)
	if version == nil && !t.hasAWSTypes() {
		return nil, false
	}
	return t.items(probs), true
}
