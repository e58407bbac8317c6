package gradle

import (
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// builder gathers the dependencies of one script, one per group:artifact,
// and the lockfile's entries.
type builder struct {
	path     string
	lockPath string
	lock     *lockfile
	deps     map[string]dependency
	order    []string
}

// add keeps the first declaration of a module, unless it is for tests only
// and a later one is not: what ships matters more than what tests use.
func (b *builder) add(d dependency) {
	if b.deps == nil {
		b.deps = map[string]dependency{}
	}
	old, seen := b.deps[d.name]
	if !seen {
		b.order = append(b.order, d.name)
	}
	if !seen || isTestConfig(old.config) && !isTestConfig(d.config) {
		b.deps[d.name] = d
	}
}

func isTestConfig(config string) bool {
	return strings.Contains(strings.ToLower(config), "test")
}

func (b *builder) items() []extractors.Item {
	var items []extractors.Item
	for _, name := range b.order {
		items = append(items, b.direct(b.deps[name]))
	}
	if b.lock == nil {
		return items
	}
	for _, name := range b.lock.order {
		if _, declared := b.deps[name]; !declared {
			items = append(items, b.transitive(b.lock.entries[name]))
		}
	}
	return items
}

func (b *builder) direct(d dependency) extractors.Item {
	version := ""
	if !d.unresolved && isExact(d.version) {
		version = d.version
	}
	attrs := b.attributes(d.name, d.constraint, d.config)
	attrs["direct"] = true
	attrs["version"] = version
	attrs["pinned"] = version != "" && !isSnapshot(version)
	attrs["unresolved"] = d.unresolved
	if e, ok := b.lockEntry(d.name); ok {
		attrs["version"], attrs["pinned"], attrs["unresolved"] = e.version, true, false
	}
	return b.item(d.name, attrs, extractors.Location{Path: b.path, Line: d.line})
}

// transitive describes a module only the lockfile names. Gradle lists its
// configurations in order, so the first is a production classpath whenever
// one needs the module.
func (b *builder) transitive(e locked) extractors.Item {
	scope := ""
	if len(e.configs) > 0 {
		scope = e.configs[0]
	}
	attrs := b.attributes(e.name, "", scope)
	attrs["version"], attrs["pinned"] = e.version, true
	return b.item(e.name, attrs, extractors.Location{Path: b.lockPath, Line: e.line})
}

func (b *builder) lockEntry(name string) (locked, bool) {
	if b.lock == nil {
		return locked{}, false
	}
	e, ok := b.lock.entries[name]
	return e, ok
}

// attributes are those every ecosystem shares. Gradle resolves from Maven
// repositories, so the ecosystem is maven; no file read here records a
// checksum, so hash is false.
func (b *builder) attributes(name, constraint, scope string) map[string]any {
	return map[string]any{
		"ecosystem":  "maven",
		"name":       name,
		"version":    "",
		"constraint": constraint,
		"direct":     false,
		"scope":      scope,
		"source":     "registry",
		"pinned":     false,
		"hash":       false,
		"locked":     b.lock != nil,
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
