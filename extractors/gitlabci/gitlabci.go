package gitlabci

import (
	"bytes"
	"errors"
	"io"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads GitLab CI configuration. The zero value is ready to use
// and safe for concurrent use.
type Extractor struct{}

// New returns a GitLab CI extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "gitlabci" }

// Match implements extractors.Extractor. Files included from a
// .gitlab-ci.yml are read through it, under their own paths.
func (*Extractor) Match(p string) bool {
	base := path.Base(p)
	return base == ".gitlab-ci.yml" || base == ".gitlab-ci.yaml"
}

// Extract implements extractors.Extractor.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	doc, err := decodeAll(f.Content)
	if err != nil {
		return nil, yamlError(err, bytes.Count(f.Content, []byte("\n"))+1)
	}

	cfg := newConfig(f.Path, repo)
	cfg.load(f.Path, doc, 0)

	items := slices.Clone(cfg.includes)
	for _, j := range cfg.jobs() {
		items = append(items, j.item())
	}
	slices.SortFunc(items, func(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) })
	return items, cfg.problem
}

// decodeAll reads every document of a file into one mapping. A file with a
// spec: header keeps its jobs in the document after it.
func decodeAll(content []byte) (*yaml.Node, error) {
	merged := &yaml.Node{Kind: yaml.MappingNode}
	dec := yaml.NewDecoder(bytes.NewReader(content))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return merged, nil
		}
		if err != nil {
			return nil, err
		}
		if body := resolve(&doc); body != nil && body.Kind == yaml.MappingNode {
			merged.Content = append(merged.Content, body.Content...)
		}
	}
}
