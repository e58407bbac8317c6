package depset

import (
	"maps"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// The sources a dependency is fetched from.
const (
	SourceRegistry = "registry"
	SourceGit      = "git"
	SourcePath     = "path"
	SourceURL      = "url"
)

// Dep is what is known about one dependency of a manifest.
type Dep struct {
	Name       string
	Version    string // resolved, from the lockfile when there is one
	Constraint string // as written in the manifest
	Direct     bool
	Scope      string // prod, dev, optional, build, or a group's name
	Source     string // one of the Source constants
	URL        string // where it is fetched from, when the files say
	Pinned     bool   // an exact version, a commit, or a lockfile entry
	Hash       bool   // a checksum is recorded for it
	At         extractors.Location

	// Extra holds attributes of one ecosystem only, such as markers.
	Extra map[string]any
}

// Set holds the dependencies of one manifest, one per name.
type Set struct {
	ecosystem string
	manifest  string
	locked    bool
	deps      map[string]*Dep
}

// New returns an empty set for the manifest at path (or the lockfile, when
// there is no manifest). locked tells whether a lockfile fixes the versions.
func New(ecosystem, manifest string, locked bool) *Set {
	return &Set{ecosystem: ecosystem, manifest: manifest, locked: locked, deps: map[string]*Dep{}}
}

// Get returns the dependency named name, or nil.
func (s *Set) Get(name string) *Dep { return s.deps[name] }

// Add stores d unless a dependency of that name is there already: the first
// declaration of a name is the one an item points at. It returns the stored one.
func (s *Set) Add(d Dep) *Dep {
	if old, ok := s.deps[d.Name]; ok {
		return old
	}
	s.deps[d.Name] = &d
	return &d
}

// All returns the dependencies sorted by name, to be completed in place.
func (s *Set) All() []*Dep {
	all := make([]*Dep, 0, len(s.deps))
	for _, name := range slices.Sorted(maps.Keys(s.deps)) {
		all = append(all, s.deps[name])
	}
	return all
}

// Items returns one item per dependency, sorted by id. Items with an empty
// name are left out: an id needs one.
func (s *Set) Items() []extractors.Item {
	var items []extractors.Item
	for _, name := range slices.Sorted(maps.Keys(s.deps)) {
		if strings.TrimSpace(name) != "" {
			items = append(items, s.item(s.deps[name]))
		}
	}
	return items
}

func (s *Set) item(d *Dep) extractors.Item {
	attrs := map[string]any{
		"ecosystem":  s.ecosystem,
		"name":       d.Name,
		"version":    d.Version,
		"constraint": d.Constraint,
		"direct":     d.Direct,
		"scope":      d.Scope,
		"source":     d.Source,
		"url":        d.URL,
		"pinned":     d.Pinned,
		"hash":       d.Hash,
		"locked":     s.locked,
	}
	maps.Copy(attrs, d.Extra)
	for k, v := range attrs {
		if text, ok := v.(string); ok {
			attrs[k] = redact.Text(text)
		}
	}
	at := d.At
	if at.Path == "" {
		at.Path = s.manifest
	}
	at.Line = max(at.Line, 1)
	return extractors.Item{
		ID:         "dependency:" + s.manifest + "#" + d.Name,
		Kind:       "dependency",
		Name:       d.Name,
		Exposure:   extractors.ExposureInternal,
		Attributes: attrs,
		Location:   at,
	}
}
