package helm

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/imageref"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// maxValuesDepth bounds the walk of a values tree; aliases can make a small
// file a deep one.
const maxValuesDepth = 32

// valuesItems finds the image references of a values file. Values have no
// schema, so images are recognised by the shapes charts use for them: a
// string under a key named image (or ending in Image), or a mapping under
// such a key, or anywhere with repository and tag or digest keys.
func valuesItems(f extractors.File) ([]extractors.Item, error) {
	var probs yamlnode.Problems
	roots := yamlnode.Decode(f.Content, &probs)
	w := valuesWalk{path: f.Path, seen: map[*yaml.Node]bool{}}
	for _, root := range roots {
		w.walk(root, "", 0)
	}
	return w.items, probs.Err()
}

type valuesWalk struct {
	path  string
	items []extractors.Item
	seen  map[*yaml.Node]bool // collections already walked, against alias fan-out
}

func (w *valuesWalk) walk(n *yaml.Node, at string, depth int) {
	if n == nil || depth > maxValuesDepth || w.seen[n] {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		w.seen[n] = true
		for _, p := range yamlnode.Pairs(n) {
			w.entry(p, join(at, p.Key.Value), depth)
		}
	case yaml.SequenceNode:
		w.seen[n] = true
		for i, item := range yamlnode.Items(n) {
			w.walk(item, at+"["+strconv.Itoa(i)+"]", depth+1)
		}
	}
}

func (w *valuesWalk) entry(p yamlnode.Pair, at string, depth int) {
	named := p.Key.Value == "image" || strings.HasSuffix(p.Key.Value, "Image")
	if raw, ok := yamlnode.String(p.Value); ok && named && p.Value.Tag == "!!str" {
		if strings.TrimSpace(raw) != "" {
			w.add(at, p.Key.Line, raw)
		}
		return
	}
	if raw, ok := imageMapping(p.Value, named); ok {
		w.add(at, p.Key.Line, raw)
		return
	}
	w.walk(p.Value, at, depth+1)
}

// imageMapping composes the reference a {registry, repository, tag, digest}
// mapping describes. Under a key named for an image, repository alone is
// enough; elsewhere it takes a tag or a digest too.
func imageMapping(n *yaml.Node, named bool) (string, bool) {
	repository := yamlnode.Text(yamlnode.Get(n, "repository"))
	tag := yamlnode.Text(yamlnode.Get(n, "tag"))
	digest := yamlnode.Text(yamlnode.Get(n, "digest"))
	if repository == "" || !named && tag == "" && digest == "" {
		return "", false
	}

	ref := repository
	if registry := yamlnode.Text(yamlnode.Get(n, "registry")); registry != "" {
		ref = registry + "/" + repository
	}
	if tag != "" {
		ref += ":" + tag
	}
	if digest != "" {
		ref += "@" + digest
	}
	return ref, true
}

func (w *valuesWalk) add(at string, line int, raw string) {
	ref := imageref.Parse(raw)
	w.items = append(w.items, extractors.Item{
		ID:       "helm.image:" + w.path + "#" + at,
		Kind:     "helm.image",
		Name:     raw,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"image":      ref.Name,
			"tag":        ref.Tag,
			"digest":     ref.Digest,
			"pinned":     ref.Pinned(),
			"unresolved": ref.Unresolved,
			"reference":  raw,
		},
		Location: extractors.Location{Path: w.path, Line: line},
	})
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}
