package npm

import (
	"path"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// builder turns the dependencies of one package.json and its lockfile into
// items. Every item's id names the package.json, wherever it is located, so
// a package keeps its id when it moves between direct and transitive.
type builder struct {
	manifest string
	lockPath string    // "" when no lockfile covers the manifest
	lock     *lockfile // nil without a readable lockfile
}

func (b *builder) items(deps map[string]direct) []extractors.Item {
	var entries map[string]*lockEntry
	if b.lock != nil {
		entries = b.lock.entries()
	}

	items := make([]extractors.Item, 0, len(deps)+len(entries))
	for name, d := range deps {
		items = append(items, b.direct(d, entries[name]))
	}
	for name, e := range entries {
		if _, ok := deps[name]; !ok {
			items = append(items, b.transitive(name, e))
		}
	}
	return items
}

// direct describes a declared dependency. The lockfile, when it installs the
// package, tells the version; without it only an exact spec pins it, to the
// version it names.
func (b *builder) direct(d direct, e *lockEntry) extractors.Item {
	attrs := b.attributes(d.name, d.constraint, d.scope, specSource(d.constraint))
	attrs["direct"] = true
	if e != nil {
		attrs["version"] = e.Version
		attrs["pinned"] = exactVersion(e.Version)
		setChecksum(attrs, e)
		if e.Link {
			attrs["source"] = sourcePath
		}
	} else {
		attrs["version"] = exactRelease(d.constraint)
		attrs["pinned"] = exactVersion(d.constraint)
	}
	if attrs["source"] == sourcePath {
		attrs["pinned"] = b.localPinned(d, e)
	}
	return b.item(d.name, attrs, extractors.Location{Path: b.manifest, Line: d.line})
}

// localPinned judges a folder the way every extractor does: only one inside
// the repository is fixed, by the repository's own commit. A version number
// says nothing of a folder's content. The spec tells where the folder is;
// for a range npm linked to a folder, the lockfile's link does.
func (b *builder) localPinned(d direct, e *lockEntry) bool {
	if specSource(d.constraint) == sourcePath {
		return localInRepository(path.Dir(b.manifest), d.constraint)
	}
	if e != nil && e.Resolved != "" {
		return localInRepository(path.Dir(b.lockPath), e.Resolved)
	}
	return false
}

// transitive describes a package only the lockfile names.
func (b *builder) transitive(name string, e *lockEntry) extractors.Item {
	attrs := b.attributes(name, "", lockScope(e), resolvedSource(name, e))
	attrs["direct"] = false
	attrs["version"] = e.Version
	attrs["pinned"] = exactVersion(e.Version)
	setChecksum(attrs, e)
	return b.item(name, attrs, extractors.Location{Path: b.lockPath, Line: e.line})
}

// attributes starts an item's attributes. hash is the attribute every
// ecosystem shares; integrity, its npm name, is kept for existing policies.
// A constraint may be a git or
// tarball URL with a token in it, which must not reach a report. A lockfile
// that exists but cannot be read still locks the install, so locked says
// whether there is one, and the read error is a diagnostic of its own.
func (b *builder) attributes(name, constraint, scope, source string) map[string]any {
	return map[string]any{
		"locked":     b.lockPath != "",
		"ecosystem":  "npm",
		"name":       name,
		"version":    "",
		"constraint": redact.Text(constraint),
		"scope":      scope,
		"source":     source,
		"pinned":     false,
		"hash":       false,
		"integrity":  false,
	}
}

// setChecksum says whether the lockfile records the package's checksum,
// under both names attributes gives.
func setChecksum(attrs map[string]any, e *lockEntry) {
	has := e.Integrity != ""
	attrs["hash"], attrs["integrity"] = has, has
}

func (b *builder) item(name string, attrs map[string]any, at extractors.Location) extractors.Item {
	return extractors.Item{
		ID:         "dependency:" + b.manifest + "#" + name,
		Kind:       "dependency",
		Name:       name,
		Exposure:   extractors.ExposureInternal,
		Attributes: attrs,
		Location:   at,
	}
}

// lockScope reads the flags npm sets on packages not needed in production.
func lockScope(e *lockEntry) string {
	switch {
	case e.Dev || e.DevOptional:
		return "dev"
	case e.Optional:
		return "optional"
	case e.Peer:
		return "peer"
	}
	return "prod"
}
