package engine

import (
	"path"
	"strings"

	"github.com/distribution/reference"

	"github.com/tms-dev/tms/extractors"
)

// groupingDirs hold one component per subdirectory, as monorepos lay out
// services/<name> or apps/<name>, whatever the subdirectories hold.
var groupingDirs = map[string]bool{
	"services": true, "apps": true, "cmd": true, "packages": true, "svc": true,
	"microservices": true, "modules": true, "charts": true, "functions": true,
}

// layout places files in components. It knows which top directories group
// services: those named in groupingDirs, and any other of which two or more
// subdirectories build something of their own (src/frontend and
// src/cartservice each with a manifest or Dockerfile). One subdirectory
// alone does not make a group, so that a Maven project's src/main stays
// whole.
type layout struct {
	grouping map[string]bool
}

func newLayout(items []extractors.Item) layout {
	builders := map[string]map[string]bool{} // top directory -> subdirectories that build
	for _, it := range items {
		if !buildsSomething(it.Kind) {
			continue
		}
		parts := strings.Split(path.Dir(itemFile(it)), "/")
		if len(parts) < 2 {
			continue
		}
		if builders[parts[0]] == nil {
			builders[parts[0]] = map[string]bool{}
		}
		builders[parts[0]][parts[1]] = true
	}

	grouping := map[string]bool{}
	for dir := range groupingDirs {
		grouping[dir] = true
	}
	for dir, subdirs := range builders {
		if len(subdirs) >= 2 {
			grouping[dir] = true
		}
	}
	return layout{grouping: grouping}
}

// buildsSomething says whether an item's file is a manifest or a
// Dockerfile: dependencies are named by the manifest that asks for them.
func buildsSomething(kind string) bool {
	return kind == "dependency" || strings.HasPrefix(kind, "container.")
}

// itemFile is the file an item's id names, "<kind>:<file>" or
// "<kind>:<file>#<part>". It can differ from where the item was found: a
// dependency resolved in a workspace's lockfile is named by the member's
// manifest that asks for it. Components and their globs match ids, so they
// follow the id.
func itemFile(it extractors.Item) string {
	rest, ok := strings.CutPrefix(it.ID, it.Kind+":")
	file, _, _ := strings.Cut(rest, "#")
	if !ok || file == "" {
		return it.Location.Path
	}
	return file
}

// componentOf names the component a file belongs to: the directory of a
// Terraform module, since each module is deployed on its own; otherwise the
// top directory, or the first two levels under a grouping directory; "."
// for the root.
func (l layout) componentOf(file string) string {
	dir := path.Dir(file)
	if dir == "." || isTerraform(file) {
		return dir
	}
	parts := strings.Split(dir, "/")
	if l.grouping[parts[0]] && len(parts) > 1 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// holdsComponents says whether a component's subdirectories are components
// of their own: the root, a grouping directory, a Terraform module's
// directory.
func (l layout) holdsComponents(comp, file string) bool {
	return comp == "." || l.grouping[comp] || isTerraform(file)
}

func isTerraform(file string) bool {
	return strings.HasSuffix(file, ".tf") || strings.HasSuffix(file, ".tf.json")
}

// placeItems returns the component of each item. Files decide first; then
// what deploys a service (a Compose service with its published ports, a
// Kubernetes workload) joins that service's component when exactly one
// component fits, so that a service's threats cover how it runs. Anything
// that fits none, or several, stays with its file.
func placeItems(l layout, items []extractors.Item) []string {
	placed := make([]string, len(items))
	known := map[string]bool{}
	for i, it := range items {
		placed[i] = l.componentOf(itemFile(it))
		known[placed[i]] = true
	}

	composeServices := map[string]string{} // "<file>#<service>" -> component
	for i, it := range items {
		target := deployedComponent(l, it, placed[i], known)
		if target == "" {
			continue
		}
		placed[i] = target
		if it.Kind == "compose.service" {
			composeServices[itemFile(it)+"#"+it.Name] = target
		}
	}

	for i, it := range items {
		service, _ := it.Attributes["service"].(string)
		if target, ok := composeServices[itemFile(it)+"#"+service]; ok && it.Kind == "compose.port" {
			placed[i] = target
		}
	}
	return placed
}

// deployedComponent is the service component an item deploys, or "": a
// Compose service's build context names its directory; failing that, the
// last part of an image's name names it ("ghcr.io/shop/api:1.2" deploys
// services/api).
func deployedComponent(l layout, it extractors.Item, own string, known map[string]bool) string {
	var candidates map[string]bool
	switch it.Kind {
	case "compose.service":
		if build, _ := it.Attributes["build"].(string); build != "" {
			dir := path.Join(path.Dir(itemFile(it)), build)
			candidates = map[string]bool{l.componentOf(dir + "/Dockerfile"): true}
		} else {
			candidates = componentsNamed(imageNames(it.Attributes), known)
		}
	case "k8s.workload":
		candidates = componentsNamed(imageNames(it.Attributes), known)
	default:
		return ""
	}

	delete(candidates, own)
	delete(candidates, ".")
	if len(candidates) != 1 {
		return ""
	}
	for c := range candidates {
		if known[c] {
			return c
		}
	}
	return ""
}

// componentsNamed are the known components whose directory's last part is
// one of names.
func componentsNamed(names []string, known map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, name := range names {
		for c := range known {
			if c != "." && path.Base(c) == name {
				out[c] = true
			}
		}
	}
	return out
}

// imageNames are the last parts of the repository names of an item's
// images, without registry, tag or digest: "postgres" for
// "docker.io/library/postgres:16". A reference that does not parse, such as
// one with a template variable, names nothing.
func imageNames(attrs map[string]any) []string {
	var raw []string
	if s, ok := attrs["image"].(string); ok && s != "" {
		raw = append(raw, s)
	}
	if list, ok := attrs["images"].([]any); ok {
		for _, entry := range list {
			if m, ok := entry.(map[string]any); ok {
				if s, ok := m["image"].(string); ok && s != "" {
					raw = append(raw, s)
				}
			}
		}
	}

	var out []string
	for _, r := range raw {
		named, err := reference.ParseNormalizedNamed(strings.TrimSpace(r))
		if err == nil {
			out = append(out, path.Base(reference.Path(named)))
		}
	}
	return out
}
