package cloudfacts

import (
	"maps"
	"slices"

	"github.com/tms-dev/tms/extractors"
)

// The attribute names of lifted facts, shared by every cloud extractor and
// read by the cloud rules. docs/extractors/cloud.md describes each.
const (
	PublicACL          = "public_acl"
	PublicPolicy       = "public_policy"
	PublicAccessBlock  = "public_access_block"
	OpenIngress        = "open_ingress"
	PublicIP           = "public_ip"
	LoadBalancer       = "load_balancer"
	Encrypted          = "encrypted"
	IAMWildcard        = "iam_wildcard"
	IAMWildcardActions = "iam_wildcard_actions"
	PubliclyAccessible = "publicly_accessible"
	Unauthenticated    = "unauthenticated"
	Bucket             = "bucket"
	PolicyDocument     = "policy_document"
	Unresolved         = "unresolved"
	Expressions        = "expressions"
	Lines              = "lines"
)

// Facts collects the attributes of one resource and what they say about its
// exposure.
type Facts struct {
	attrs      map[string]any
	public     bool
	internal   bool
	unresolved map[string]string
	lines      map[string]int
}

// NewFacts starts from the attributes every item of the kind has.
func NewFacts(base map[string]any) *Facts {
	return &Facts{attrs: base, unresolved: map[string]string{}, lines: map[string]int{}}
}

// Set records a fact that says nothing about exposure.
func (f *Facts) Set(name string, v any) { f.attrs[name] = v }

// Wildcards records whether a policy grants wildcards and, when it may,
// whether they reach actions, which the rules rank above a wildcard on
// resources alone.
func (f *Facts) Wildcards(p PolicyFacts) {
	f.attrs[IAMWildcard] = p.Wildcard.Value()
	if p.Wildcard != False {
		f.attrs[IAMWildcardActions] = p.WildcardActions.Value()
	}
}

// Has reports whether a fact was recorded.
func (f *Facts) Has(name string) bool {
	_, ok := f.attrs[name]
	return ok
}

// Exposed records a fact that makes the resource reachable from the internet
// when it holds. explicit says the file itself states the value, rather than
// the provider's default: only a stated false makes the resource internal.
func (f *Facts) Exposed(name string, t Tri, explicit bool) {
	f.attrs[name] = t.Value()
	switch {
	case t == True:
		f.public = true
	case t == False && explicit:
		f.internal = true
	}
}

// Public marks the resource reachable from the internet by its nature, such
// as a Lambda function URL.
func (f *Facts) Public() { f.public = true }

// Internal marks the resource as stated to be private.
func (f *Facts) Internal() { f.internal = true }

// At records the 1-based line of the argument or block that states a fact,
// so that a finding about it points there. A fact recorded false needs no
// line, and the first line given wins: it is the first place to look.
func (f *Facts) At(name string, line int) {
	if v, ok := f.attrs[name]; !ok || v == false || line <= 0 {
		return
	}
	if _, seen := f.lines[name]; !seen {
		f.lines[name] = line
	}
}

// Unresolve records that a source attribute could not be evaluated, with the
// expression it holds.
func (f *Facts) Unresolve(attr, text string) { f.unresolved[attr] = text }

// Exposure is public when a fact says so, internal when one says the
// opposite and none says public, unknown otherwise.
func (f *Facts) Exposure() extractors.Exposure {
	switch {
	case f.public:
		return extractors.ExposurePublic
	case f.internal:
		return extractors.ExposureInternal
	}
	return extractors.ExposureUnknown
}

// Attributes returns the item attributes, with the unresolved source
// attributes listed by name and their expressions beside them, and the
// lines of the facts that hold.
func (f *Facts) Attributes() map[string]any {
	if len(f.unresolved) > 0 {
		names := slices.Sorted(maps.Keys(f.unresolved))
		list := make([]any, len(names))
		exprs := make(map[string]any, len(names))
		for i, n := range names {
			list[i] = n
			exprs[n] = f.unresolved[n]
		}
		f.attrs[Unresolved] = list
		f.attrs[Expressions] = exprs
	}
	if len(f.lines) > 0 {
		lines := make(map[string]any, len(f.lines))
		for name, line := range f.lines {
			lines[name] = line
		}
		f.attrs[Lines] = lines
	}
	return f.attrs
}
