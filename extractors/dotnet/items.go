package dotnet

import (
	"regexp"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// builder turns the references of one MSBuild file into items.
type builder struct {
	path     string
	project  *project
	central  *project // the Directory.Packages.props that applies, or nil
	lock     *lockfile
	lockPath string
}

func (b *builder) items() []extractors.Item {
	seen := map[string]bool{}
	var items []extractors.Item
	for _, r := range b.project.references {
		key := strings.ToLower(r.name)
		if !seen[key] {
			seen[key] = true
			items = append(items, b.direct(r))
		}
	}
	if b.lock == nil {
		return items
	}
	for _, key := range b.lock.order {
		if !seen[key] {
			items = append(items, b.transitive(b.lock.entries[key]))
		}
	}
	return items
}

// direct describes a reference. Its version is the one written on it, else
// the central one; the lockfile, when it has the package, tells what it
// resolved to.
func (b *builder) direct(r reference) extractors.Item {
	written := r.version
	expanded, ok := expand(b.project.properties, written)
	if !r.hasVersion && b.central != nil {
		if cv, found := b.central.versions[strings.ToLower(r.name)]; found {
			written = cv.version
			expanded, ok = expand(b.centralProperties(), written)
		}
	}

	scope := "prod"
	if r.dev {
		scope = "dev"
	}
	attrs := attributes(r.name, written, scope)
	attrs["direct"] = true
	attrs["unresolved"] = !ok || written == ""
	if ok {
		attrs["version"] = exactVersion(expanded)
	}
	attrs["pinned"] = attrs["version"] != ""
	attrs["locked"] = b.lock != nil
	if e := b.lockEntry(r.name); e != nil {
		b.locked(attrs, e)
	}
	return b.item(r.name, attrs, extractors.Location{Path: b.path, Line: r.line})
}

// transitive describes a package only the lockfile names. Restore marks as
// direct the global references of the central file too, which every project
// gets without naming them.
func (b *builder) transitive(e *lockEntry) extractors.Item {
	scope := "prod"
	if b.global(e.name) {
		scope = "dev"
	}
	attrs := attributes(e.name, e.Requested, scope)
	attrs["direct"] = e.Type == "Direct"
	b.locked(attrs, e)
	return b.item(e.name, attrs, extractors.Location{Path: b.lockPath, Line: e.line})
}

// centralProperties are the properties a central version can use. MSBuild
// evaluates every property before any item, and imports the central file
// before the project's body, so the project's definitions win.
func (b *builder) centralProperties() map[string]string {
	props := make(map[string]string, len(b.central.properties)+len(b.project.properties))
	for k, v := range b.central.properties {
		props[k] = v
	}
	for k, v := range b.project.properties {
		props[k] = v
	}
	return props
}

// global reports whether the central file references the package for every
// project.
func (b *builder) global(name string) bool {
	if b.central == nil {
		return false
	}
	for _, r := range b.central.references {
		if strings.EqualFold(r.name, name) {
			return r.dev
		}
	}
	return false
}

func (b *builder) lockEntry(name string) *lockEntry {
	if b.lock == nil {
		return nil
	}
	return b.lock.entries[strings.ToLower(name)]
}

// locked records what the lockfile resolved: one version, with the hash of
// its content that restore checks.
func (b *builder) locked(attrs map[string]any, e *lockEntry) {
	attrs["locked"] = true
	attrs["unresolved"] = e.Resolved == ""
	attrs["version"] = e.Resolved
	attrs["pinned"] = e.Resolved != ""
	attrs["hash"] = e.ContentHash != ""
}

func attributes(name, constraint, scope string) map[string]any {
	return map[string]any{
		"ecosystem":  "nuget",
		"name":       name,
		"version":    "",
		"constraint": constraint,
		"direct":     false,
		"scope":      scope,
		"source":     "registry",
		"pinned":     false,
		"hash":       false,
		"locked":     false,
		"unresolved": false,
	}
}

func (b *builder) item(name string, attrs map[string]any, at extractors.Location) extractors.Item {
	return extractors.Item{
		ID:         "dependency:" + b.path + "#" + name,
		Kind:       "dependency",
		Name:       name,
		Exposure:   extractors.ExposureInternal,
		Attributes: attrs,
		Location:   at,
	}
}

var plainVersion = regexp.MustCompile(
	`^\d+(\.\d+){0,3}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// exactVersion returns the one version a NuGet version spec picks, or "" for
// a range or a floating version. A bare version is a minimum, but restore
// takes the lowest version that satisfies it, so it resolves to itself
// whenever the feed has it; "[1.2.3]" says so outright.
func exactVersion(spec string) string {
	spec = strings.TrimSpace(spec)
	if inner, ok := strings.CutPrefix(spec, "["); ok {
		if inner, ok = strings.CutSuffix(inner, "]"); ok && !strings.Contains(inner, ",") {
			spec = strings.TrimSpace(inner)
		}
	}
	if plainVersion.MatchString(spec) {
		return spec
	}
	return ""
}
