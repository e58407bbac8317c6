package threatmodel

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// The values that the enumerated fields accept, in the order the
// documentation and error messages list them. A status list starts with the
// least trusted value, which is the default.
var (
	surfaceStatuses    = []string{"unreviewed", "reviewed", "removed"}
	threatStatuses     = []string{"unreviewed", "reviewed"}
	mitigationStatuses = []string{"proposed", "planned", "implemented"}
	severities         = []string{"critical", "high", "medium", "low", "info"}
	strideCategories   = []string{
		"spoofing", "tampering", "repudiation", "information_disclosure",
		"denial_of_service", "elevation_of_privilege",
	}
)

// mitigationControls are the controls a mitigation may name in control:
// each is one that the policies can check on the surface it covers.
var mitigationControls = []string{"authentication", "tls", "network-policy", "non-root",
	"encryption", "waf"}

// KnownControl reports whether a mitigation may name control in its
// control field.
func KnownControl(control string) bool { return slices.Contains(mitigationControls, control) }

// Load reads the threat model at path, YAML or JSON by its extension. A
// model with problems returns a *LoadError listing all of them; a missing
// file returns an error matching fs.ErrNotExist.
func Load(path string) (*Model, error) {
	if err := checkExtension(path); err != nil {
		return nil, fmt.Errorf("load threat model: %w", err)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load threat model: %w", err)
	}
	return Parse(path, data)
}

func checkExtension(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		return nil
	}
	return fmt.Errorf("%s: unsupported file extension (expected .yaml, .yml or .json)", path)
}

// Parse reads a threat model from data. name is the file it came from: it
// appears in problems and in every entry's Location, and a name ending in
// .json makes Parse read strict JSON rather than YAML. Fields that are not
// set come back empty, lists as empty lists, and statuses as the least
// trusted value: unreviewed, or proposed for a mitigation.
func Parse(name string, data []byte) (*Model, error) {
	l := &loader{d: NewDecoder(name), name: name, ids: make(map[sectionID]string)}
	m := l.model(l.d.Document(data))
	if err := l.d.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// loader turns a checked document into a Model.
type loader struct {
	d    *Decoder
	name string
	ids  map[sectionID]string // field path of each id's first use
}

type sectionID struct{ section, id string }

func (l *loader) model(root *yaml.Node) *Model {
	f := l.d.Fields(root, "", "version", "components", "boundaries", "surface", "threats",
		"mitigations", "acceptances")
	f.Require("version")
	if v, ok := f.Int("version"); ok && v != Version {
		f.Problemf("version", "%d is not a supported version (expected %d)", v, Version)
	}

	m := New()
	f.Each("components", "a list of components", func(n *yaml.Node, field string) {
		m.Components = append(m.Components, l.component(n, field))
	})
	f.Each("boundaries", "a list of trust boundaries", func(n *yaml.Node, field string) {
		m.Boundaries = append(m.Boundaries, l.boundary(n, field))
	})
	f.Each("surface", "a list of surface entries", func(n *yaml.Node, field string) {
		m.Surface = append(m.Surface, l.surface(n, field))
	})
	f.Each("threats", "a list of threats", func(n *yaml.Node, field string) {
		m.Threats = append(m.Threats, l.threat(n, field))
	})
	f.Each("mitigations", "a list of mitigations", func(n *yaml.Node, field string) {
		m.Mitigations = append(m.Mitigations, l.mitigation(n, field))
	})
	f.Each("acceptances", "a list of acceptances", func(n *yaml.Node, field string) {
		m.Acceptances = append(m.Acceptances, l.acceptance(n, field))
	})
	return m
}

func (l *loader) component(n *yaml.Node, field string) Component {
	f := l.d.Fields(n, field, "id", "title", "surface")
	return Component{
		ID:       l.id(f, "components"),
		Title:    f.String("title"),
		Surface:  f.Strings("surface", NonEmpty, Glob),
		Location: l.location(n),
	}
}

func (l *loader) boundary(n *yaml.Node, field string) Boundary {
	f := l.d.Fields(n, field, "id", "title", "from", "to", "crossed_by")
	return Boundary{
		ID:        l.id(f, "boundaries"),
		Title:     f.String("title"),
		From:      f.String("from"),
		To:        f.String("to"),
		CrossedBy: f.Strings("crossed_by", NonEmpty, Glob),
		Location:  l.location(n),
	}
}

func (l *loader) surface(n *yaml.Node, field string) SurfaceEntry {
	f := l.d.Fields(n, field, "id", "kind", "status", "reviewed_by", "exposure", "fingerprint")
	return SurfaceEntry{
		ID:          l.id(f, "surface"),
		Kind:        f.String("kind"),
		Status:      status(f, surfaceStatuses, "a surface status"),
		ReviewedBy:  f.String("reviewed_by"),
		Exposure:    f.String("exposure", OneOf("an exposure", "public", "internal", "unknown")),
		Fingerprint: f.String("fingerprint", fingerprint),
		Location:    l.location(n),
	}
}

func (l *loader) threat(n *yaml.Node, field string) Threat {
	f := l.d.Fields(n, field, "id", "title", "description", "stride", "severity",
		"applies_to", "status", "reviewed_by")
	f.Require("title")
	return Threat{
		ID:          l.id(f, "threats"),
		Title:       f.String("title", NonEmpty),
		Description: f.String("description"),
		Stride:      f.Strings("stride", OneOf("a STRIDE category", strideCategories...)),
		Severity:    f.String("severity", OneOf("a severity", severities...)),
		AppliesTo:   f.Strings("applies_to", NonEmpty, Glob),
		Status:      status(f, threatStatuses, "a threat status"),
		ReviewedBy:  f.String("reviewed_by"),
		Location:    l.location(n),
	}
}

func (l *loader) mitigation(n *yaml.Node, field string) Mitigation {
	f := l.d.Fields(n, field, "id", "title", "mitigates", "covers", "evidence", "status",
		"control")
	f.Require("title")
	return Mitigation{
		ID:        l.id(f, "mitigations"),
		Title:     f.String("title", NonEmpty),
		Mitigates: f.Strings("mitigates", NonEmpty, l.knownThreat),
		Covers:    f.Strings("covers", NonEmpty, Glob),
		Evidence:  f.Strings("evidence", NonEmpty, Glob),
		Status:    status(f, mitigationStatuses, "a mitigation status"),
		Control:   f.String("control", OneOf("a control tms can check", mitigationControls...)),
		Location:  l.location(n),
	}
}

// acceptance leaves approved_by, reason and expires optional: an acceptance
// without them is a policy finding that CI reports, not a broken file.
func (l *loader) acceptance(n *yaml.Node, field string) Acceptance {
	f := l.d.Fields(n, field, "id", "threat", "surface", "reason", "approved_by", "expires",
		"fingerprint")
	a := Acceptance{
		ID:          l.id(f, "acceptances"),
		Threat:      f.String("threat", NonEmpty, l.knownThreat),
		Surface:     f.String("surface", NonEmpty),
		Reason:      f.String("reason"),
		ApprovedBy:  f.String("approved_by"),
		Expires:     f.String("expires", date),
		Fingerprint: f.String("fingerprint", fingerprint),
		Location:    l.location(n),
	}

	switch {
	case f == nil:
	case f.Has("threat") && f.Has("surface"):
		f.Problemf("", "sets both threat and surface (expected exactly one)")
	case !f.Has("threat") && !f.Has("surface"):
		f.Problemf("", "sets neither threat nor surface (expected exactly one)")
	}
	return a
}

var fingerprintPattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// fingerprint accepts what tms writes: "sha256:" and 64 hex digits.
func fingerprint(v string) string {
	if fingerprintPattern.MatchString(v) {
		return ""
	}
	return fmt.Sprintf("%s is not a fingerprint (expected sha256: and 64 hex digits, as tms writes it)",
		quote(v))
}

// knownThreat accepts the id of a threat in this model. The loader reads the
// threats section before mitigations and acceptances, whatever the order of
// the sections in the file, so every threat id is known here.
func (l *loader) knownThreat(v string) string {
	if _, ok := l.ids[sectionID{"threats", v}]; ok {
		return ""
	}
	return fmt.Sprintf("%s names no threat in this model (expected the id of an entry under threats)",
		quote(v))
}

// id returns the entry's id, which must be set and unique in its section.
func (l *loader) id(f *Fields, section string) string {
	f.Require("id")
	id := f.String("id", NonEmpty)
	if f == nil || id == "" {
		return id
	}

	key := sectionID{section, id}
	if first, used := l.ids[key]; used {
		f.Problemf("id", "%s is already the id of %s (expected a unique id)", quote(id), first)
		return id
	}
	l.ids[key] = f.Path("")
	return id
}

// status returns the entry's status, or the least trusted one when it is not
// set: the first of allowed.
func status(f *Fields, allowed []string, what string) string {
	if !f.Has("status") {
		return allowed[0]
	}
	return f.String("status", OneOf(what, allowed...))
}

func (l *loader) location(n *yaml.Node) extractors.Location {
	return extractors.Location{Path: l.name, Line: n.Line}
}

var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// date accepts calendar dates written YYYY-MM-DD.
func date(v string) string {
	if !datePattern.MatchString(v) {
		return fmt.Sprintf("%s is not a date (expected YYYY-MM-DD)", quote(v))
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return fmt.Sprintf("%s is not a calendar date (expected YYYY-MM-DD)", quote(v))
	}
	return ""
}
