package helm

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads Helm charts' Chart.yaml and values files. The zero value
// is ready to use and safe for concurrent use.
type Extractor struct{}

// New returns a Helm extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "helm" }

// Match implements extractors.Extractor: Chart.yaml, and values files named
// as Helm users name them: values.yaml, values-prod.yaml, values.prod.yaml.
func (*Extractor) Match(p string) bool {
	name := path.Base(p)
	return name == "Chart.yaml" || isValuesFile(name)
}

func isValuesFile(name string) bool {
	stem, ok := strings.CutSuffix(name, ".yaml")
	if !ok {
		stem, ok = strings.CutSuffix(name, ".yml")
	}
	if !ok {
		return false
	}
	return stem == "values" || strings.HasPrefix(stem, "values-") ||
		strings.HasPrefix(stem, "values.") && stem != "values.schema"
}

// Extract implements extractors.Extractor.
func (*Extractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	if path.Base(f.Path) == "Chart.yaml" {
		return chartItems(f)
	}
	return valuesItems(f)
}
