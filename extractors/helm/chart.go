package helm

import (
	"errors"
	"path"
	"strings"

	"golang.org/x/mod/semver"
	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/redact"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// errTemplatesUnseen is the diagnostic every application chart carries:
// rendering needs values and a cluster's capabilities tms does not have, and
// surface nobody rendered must not pass for surface that is not there.
var errTemplatesUnseen = errors.New(
	"Helm templates are not rendered; surface in templates/ is not extracted")

// chartItems reads the dependencies of a Chart.yaml. A library chart renders
// nothing by itself, so only application charts carry the diagnostic about
// their templates; the extractor cannot list directories, so it carries it
// whether or not templates/ has files.
func chartItems(f extractors.File) ([]extractors.Item, error) {
	var probs yamlnode.Problems
	roots := yamlnode.Decode(f.Content, &probs)
	if err := probs.Err(); err != nil || len(roots) == 0 {
		return nil, err
	}

	chart := roots[0]
	name := yamlnode.Text(yamlnode.Get(chart, "name"))
	version := yamlnode.Text(yamlnode.Get(chart, "version"))
	var items []extractors.Item
	for _, dep := range yamlnode.Items(yamlnode.Get(chart, "dependencies")) {
		it, ok := dependency(f.Path, dep)
		if !ok {
			continue
		}
		it.Attributes["chart"], it.Attributes["chart_version"] = name, version
		items = append(items, it)
	}

	if yamlnode.Text(yamlnode.Get(chart, "type")) == "library" {
		return items, nil
	}
	return items, extractors.AtLine(1, errTemplatesUnseen)
}

// dependency reads one entry of dependencies; an entry without a name is
// not a dependency Helm could resolve and is passed over.
func dependency(chartPath string, dep *yaml.Node) (extractors.Item, bool) {
	name := yamlnode.Text(yamlnode.Get(dep, "name"))
	if name == "" {
		return extractors.Item{}, false
	}
	version := yamlnode.Text(yamlnode.Get(dep, "version"))
	repository := yamlnode.Text(yamlnode.Get(dep, "repository"))
	source, pinned := sourceOf(path.Dir(chartPath), repository, version)

	attrs := map[string]any{
		"name":       name,
		"version":    version,
		"repository": redact.Text(repository),
		"alias":      yamlnode.Text(yamlnode.Get(dep, "alias")),
		"condition":  yamlnode.Text(yamlnode.Get(dep, "condition")),
		"source":     source,
		"pinned":     pinned,
	}
	return extractors.Item{
		ID:         "helm.dependency:" + chartPath + "#" + name,
		Kind:       "helm.dependency",
		Name:       name,
		Exposure:   extractors.ExposureInternal,
		Attributes: attrs,
		Location:   extractors.Location{Path: chartPath, Line: dep.Line},
	}, true
}

// sourceOf says where a dependency comes from and whether its content is
// fixed. A chart with no repository is vendored under charts/ and a file://
// one is a directory: the commit fixes either, if it lies in the
// repository. A chart from a repository or an OCI registry is fixed only by
// an exact version; a range, or a partial version such as 1.2, floats.
func sourceOf(chartDir, repository, version string) (source string, pinned bool) {
	switch {
	case repository == "":
		return "vendored", true
	case strings.HasPrefix(repository, "file://"):
		return "local", insideRepository(chartDir, strings.TrimPrefix(repository, "file://"))
	case strings.HasPrefix(repository, "oci://"):
		return "oci", exactVersion(version)
	}
	return "repository", exactVersion(version)
}

func exactVersion(constraint string) bool {
	v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(constraint), "="))
	if !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	core, _, _ := strings.Cut(v, "+")
	return semver.IsValid(v) && semver.Canonical(v) == core
}

func insideRepository(dir, target string) bool {
	if path.IsAbs(target) {
		return false
	}
	joined := path.Join(dir, target)
	return joined != ".." && !strings.HasPrefix(joined, "../")
}
