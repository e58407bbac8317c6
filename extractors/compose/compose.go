package compose

import (
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/imageref"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// Extractor reads Compose files. The zero value is ready to use and safe for
// concurrent use.
type Extractor struct{}

// New returns a Compose extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "compose" }

// Match implements extractors.Extractor: compose.yaml and docker-compose.yml
// and their variants, such as docker-compose.override.yml or
// compose-dev.yaml. A composer.yaml is not one.
func (*Extractor) Match(p string) bool {
	name := strings.ToLower(path.Base(p))
	ext := path.Ext(name)
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	stem := strings.TrimSuffix(name, ext)
	for _, prefix := range []string{"docker-compose", "compose"} {
		if rest, ok := strings.CutPrefix(stem, prefix); ok {
			return rest == "" || rest[0] == '.' || rest[0] == '-'
		}
	}
	return false
}

// Extract implements extractors.Extractor. A file without a services
// mapping declares nothing tms reads (an override of networks only, say)
// and yields nothing.
func (*Extractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	var probs yamlnode.Problems
	var items []extractors.Item
	for _, root := range yamlnode.Decode(f.Content, &probs) {
		for _, p := range yamlnode.Pairs(yamlnode.Get(root, "services")) {
			items = append(items, serviceItems(f.Path, p.Key, p.Value)...)
		}
	}
	return items, probs.Err()
}

// serviceItems reads one service and the ports it publishes.
func serviceItems(file string, key, svc *yaml.Node) []extractors.Item {
	name := key.Value
	ports := publishedPorts(svc)
	attrs := privileges(svc)
	raw := yamlnode.Text(yamlnode.Get(svc, "image"))
	ref := imageref.Parse(raw)
	attrs["image"], attrs["tag"], attrs["digest"] = raw, ref.Tag, ref.Digest
	attrs["pinned"] = raw != "" && ref.Pinned()
	attrs["build"] = buildContext(yamlnode.Get(svc, "build"))
	attrs["published_ports"] = len(ports)

	items := []extractors.Item{{
		ID:         "compose.service:" + file + "#" + name,
		Kind:       "compose.service",
		Name:       name,
		Exposure:   serviceExposure(attrs["host_network"] == true, ports),
		Attributes: attrs,
		Location:   extractors.Location{Path: file, Line: key.Line},
	}}
	for _, p := range ports {
		items = append(items, p.item(file, name))
	}
	return items
}

// serviceExposure: a service on the host's network listens on whatever the
// process binds, which the file does not say; otherwise it is reachable from
// outside only through its published ports.
func serviceExposure(hostNetwork bool, ports []port) extractors.Exposure {
	if hostNetwork {
		return extractors.ExposureUnknown
	}
	exposure := extractors.ExposureInternal
	for _, p := range ports {
		switch p.exposure() {
		case extractors.ExposurePublic:
			return extractors.ExposurePublic
		case extractors.ExposureUnknown:
			exposure = extractors.ExposureUnknown
		}
	}
	return exposure
}

// buildContext is the directory a service builds from, or "" when it pulls
// its image. The long form without a context builds the file's directory.
func buildContext(build *yaml.Node) string {
	if s, ok := yamlnode.String(build); ok {
		return s
	}
	if build == nil || build.Kind != yaml.MappingNode {
		return ""
	}
	if ctx := yamlnode.Text(yamlnode.Get(build, "context")); ctx != "" {
		return ctx
	}
	return "."
}
