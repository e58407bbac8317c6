package kubernetes

import (
	"bytes"
	"errors"
	"path"
	"reflect"
	"strings"
	"sync"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// Extractor reads Kubernetes manifests. Use New; it is safe for concurrent
// use.
type Extractor struct {
	// charts caches, per repository and directory, whether the directory
	// holds a Chart.yaml, so that the templates of one chart cost one read.
	// It holds a boolean per chart directory of each walk, and a run of tms
	// walks once, so it is never pruned.
	charts sync.Map
}

// New returns a Kubernetes manifest extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "kubernetes" }

// Match implements extractors.Extractor: any YAML or JSON file but those
// that configure a tool rather than declare objects (kustomization files,
// Helm's Chart.yaml). Content decides the rest.
func (*Extractor) Match(p string) bool {
	name := strings.ToLower(path.Base(p))
	switch path.Ext(name) {
	case ".yaml", ".yml", ".json":
	default:
		return false
	}
	stem := strings.TrimSuffix(name, path.Ext(name))
	return stem != "kustomization" && stem != "chart"
}

// Extract implements extractors.Extractor. Files that name no apiVersion
// and kind are not manifests and yield nothing, without a diagnostic; so do
// the templates of a Helm chart, whose surface only rendering shows and the
// helm extractor reports as unseen.
func (x *Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	if !bytes.Contains(f.Content, []byte("apiVersion")) ||
		!bytes.Contains(f.Content, []byte("kind")) {
		return nil, nil
	}
	if x.inChartTemplates(f.Path, repo) {
		return nil, nil
	}

	var probs yamlnode.Problems
	roots := yamlnode.Decode(f.Content, &probs)
	m := newManifest(f.Path, objectsOf(roots, &probs), &probs)
	return m.items(), probs.Err()
}

// inChartTemplates reports whether p lies in the templates directory of a
// Helm chart: a "templates" directory beside a Chart.yaml, at any depth
// (subcharts nest under charts/).
func (x *Extractor) inChartTemplates(p string, repo extractors.Repo) bool {
	parts := strings.Split(p, "/")
	for i, part := range parts[:len(parts)-1] {
		if part == "templates" && x.isChart(path.Join(parts[:i]...), repo) {
			return true
		}
	}
	return false
}

type chartKey struct {
	repo extractors.Repo
	dir  string
}

func (x *Extractor) isChart(dir string, repo extractors.Repo) bool {
	// A repository value that cannot be a map key is asked every time.
	cacheable := reflect.TypeOf(repo) != nil && reflect.TypeOf(repo).Comparable()
	key := chartKey{repo, dir}
	if cacheable {
		if known, ok := x.charts.Load(key); ok {
			return known.(bool)
		}
	}

	_, err := repo.ReadFile(path.Join(dir, "Chart.yaml"))
	found := !errors.Is(err, extractors.ErrNotInInventory)
	if cacheable {
		x.charts.Store(key, found)
	}
	return found
}
