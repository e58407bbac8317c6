package convert

import (
	"regexp"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"
)

// The attributes the OTM export writes so that a model comes back from a
// round trip as it left, for what OTM has no field of its own. Lists are
// written one value per line, because OTM attribute values are strings.
const (
	attrSurfaceID         = "tms.surface_id"
	attrKind              = "tms.kind"
	attrExposure          = "tms.exposure"
	attrFingerprint       = "tms.fingerprint"
	attrStatus            = "tms.status"
	attrReviewedBy        = "tms.reviewed_by"
	attrSeverity          = "tms.severity"
	attrAppliesTo         = "tms.applies_to"
	attrMitigates         = "tms.mitigates"
	attrCovers            = "tms.covers"
	attrEvidence          = "tms.evidence"
	attrControl           = "tms.control"
	attrAcceptID          = "tms.acceptance.id"
	attrAcceptReason      = "tms.acceptance.reason"
	attrAcceptBy          = "tms.acceptance.approved_by"
	attrAcceptExpires     = "tms.acceptance.expires"
	attrAcceptFingerprint = "tms.acceptance.fingerprint"
)

// attributes are an OTM element's free-form attributes: a mapping, or, as
// some examples write them, a list of one-key mappings. Only text values are
// kept; tms reads nothing else from them.
type attributes map[string]*yaml.Node

func (b *builder) attributes(f *fields) attributes {
	attrs := attributes{}
	n := f.node("attributes")
	if n == nil {
		return attrs
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	for _, item := range items {
		for _, p := range b.fields(item, f.what).keysOrNil() {
			if v := resolve(p.value); v != nil && v.Kind == yaml.ScalarNode && !isNull(v) {
				attrs[p.key] = v
			}
		}
	}
	return attrs
}

func (f *fields) keysOrNil() []pair {
	if f == nil {
		return nil
	}
	return f.keys
}

// has reports whether the attribute is set, even to "".
func (a attributes) has(key string) bool { return a[key] != nil }

func (a attributes) text(key string) string {
	if n := a[key]; n != nil {
		return strings.TrimSpace(n.Value)
	}
	return ""
}

// list splits a one-per-line attribute into its values.
func (a attributes) list(key string) []string {
	out := []string{}
	for _, v := range strings.Split(a.text(key), "\n") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// globs reads a list attribute of globs, reporting and dropping invalid ones.
func (b *builder) globs(a attributes, key, what string) []string {
	out := []string{}
	for _, g := range a.list(key) {
		if !doublestar.ValidatePattern(g) {
			b.report(a[key], what, "%s: %q is not a valid glob; dropped", key, g)
			continue
		}
		out = append(out, g)
	}
	return out
}

// joinLines writes a list attribute.
func joinLines(values []string) string { return strings.Join(values, "\n") }

var fingerprintPattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// validFingerprint accepts what tms writes: "sha256:" and 64 hex digits.
func validFingerprint(v string) bool { return fingerprintPattern.MatchString(v) }

// validDate accepts calendar dates written YYYY-MM-DD.
func validDate(v string) bool {
	t, err := time.Parse(time.DateOnly, v)
	return err == nil && t.Format(time.DateOnly) == v
}

// validExposure accepts the exposures tms records.
func validExposure(v string) bool {
	return v == "public" || v == "internal" || v == "unknown"
}
