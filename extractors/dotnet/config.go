package dotnet

import (
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// extractConfig reads an old-style packages.config, which lists every
// package restored for a project, transitive ones included, each at one
// exact version; allowedVersions only bounds what an update may pick.
func extractConfig(f extractors.File) ([]extractors.Item, error) {
	root, err := parseXML(f.Content, packagesConfig)
	if root == nil {
		return nil, err
	}

	b := builder{path: f.Path}
	seen := map[string]bool{}
	var items []extractors.Item
	for _, e := range root.children {
		name := e.attrs["id"]
		if e.name != "package" || name == "" || seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true

		scope := "prod"
		if strings.EqualFold(e.attrs["developmentDependency"], "true") {
			scope = "dev"
		}
		attrs := attributes(name, e.attrs["version"], scope)
		attrs["direct"] = true
		attrs["version"] = exactVersion(e.attrs["version"])
		attrs["pinned"] = attrs["version"] != ""
		attrs["unresolved"] = e.attrs["version"] == ""
		items = append(items, b.item(name, attrs, extractors.Location{Path: f.Path, Line: e.line}))
	}
	return items, err
}
