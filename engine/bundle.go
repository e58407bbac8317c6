package engine

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Bundle is an organisation's policy bundle, already verified and read by
// the bundles package. The engine compiles its Rego between the built-in
// library and the repository's own rules, and puts its data in the store.
type Bundle struct {
	Ref       string         // where it came from, as the user named it
	Revision  string         // the manifest's revision
	Digest    string         // sha256 of the bundle file; empty for a directory
	Signed    bool           // its signature was verified
	Signature SignatureState // also tells an unverified signature from none
	Roots     []string       // the manifest's roots, e.g. tms/rules/acme
	Policies  fs.FS          // its Rego files
	Data      map[string]any // its data document, rooted at data
	// Cached says a copy from the disk cache stood in for a remote bundle
	// whose server could not be reached.
	Cached bool
	// Origin says where the run was told of it (.tms.yaml or --bundle), so
	// that messages about two bundles tell them apart; empty when unknown.
	Origin string
}

// Name is how messages name the bundle: its ref, and where it was named.
func (b Bundle) Name() string {
	if b.Origin == "" {
		return "bundle " + b.Ref
	}
	return fmt.Sprintf("bundle %s (from %s)", b.Ref, b.Origin)
}

// Source names the bundle where rules and messages say where they come
// from: bundle:<ref>@<revision>, or bundle:<ref> for a bundle without one.
func (b Bundle) Source() string {
	if b.Revision == "" {
		return "bundle:" + b.Ref
	}
	return "bundle:" + b.Ref + "@" + b.Revision
}

// Info is what a report records of the bundle.
func (b Bundle) Info() BundleInfo {
	return BundleInfo{Ref: b.Ref, Revision: b.Revision, Digest: b.Digest, Signed: b.Signed,
		Signature: b.Signature, Roots: b.Roots, Cached: b.Cached}
}

// Overridable lists the rule ids whose findings a repository may drop or
// lower: the strings at <root>/overridable in the bundle's data, for each of
// its roots. Anything else there is ignored, never widened.
func (b Bundle) Overridable() map[string]bool {
	ids := map[string]bool{}
	for _, root := range b.Roots {
		node := any(b.Data)
		for _, key := range append(strings.Split(root, "/"), "overridable") {
			obj, _ := node.(map[string]any)
			node = obj[key]
		}
		list, _ := node.([]any)
		for _, v := range list {
			if id, ok := v.(string); ok {
				ids[id] = true
			}
		}
	}
	return ids
}

// SignatureState is what a run knows of a bundle's signature.
type SignatureState string

const (
	// SignatureVerified: signed, and verified with the configured key.
	SignatureVerified SignatureState = "verified"
	// SignatureNotVerified: it carries a signature, but was read without a
	// key, so nothing says who signed it or that it is intact.
	SignatureNotVerified SignatureState = "not verified"
	// SignatureNone: it carries no signature (a directory never does).
	SignatureNone SignatureState = "none"
)

// Label is how a report names the state next to the bundle.
func (s SignatureState) Label() string {
	switch s {
	case SignatureVerified:
		return "signed"
	case SignatureNotVerified:
		return "signature not verified"
	}
	return "unsigned"
}

// BundleInfo identifies a bundle a run was evaluated with.
type BundleInfo struct {
	Ref       string         `json:"ref"`
	Revision  string         `json:"revision"`
	Digest    string         `json:"digest,omitempty"`
	Signed    bool           `json:"signed"`
	Signature SignatureState `json:"signature"`
	Roots     []string       `json:"roots"`
	Cached    bool           `json:"cached,omitempty"` // a cached copy stood in, offline
}

// bundleSources turns bundles into policy sources, named by Source.
func bundleSources(bundles []Bundle) []PolicySource {
	out := make([]PolicySource, 0, len(bundles))
	for _, b := range bundles {
		out = append(out, PolicySource{Dir: b.Source(), FS: b.Policies})
	}
	return out
}

// refPath is the ground part of a data reference as a bundle root path:
// data.tms.rules.acme.deny is tms/rules/acme/deny.
func refPath(ref ast.Ref) string {
	var segs []string
	for _, t := range ref.GroundPrefix()[1:] {
		s, ok := t.Value.(ast.String)
		if !ok {
			break
		}
		segs = append(segs, string(s))
	}
	return strings.Join(segs, "/")
}

// markBundleRules records on each rule the bundle and revision it came from.
func markBundleRules(rules map[string]Rule, bundles []Bundle) {
	bySource := map[string]Bundle{}
	for _, b := range bundles {
		bySource[b.Source()] = b
	}
	for id, r := range rules {
		if b, ok := bySource[r.Source]; ok {
			r.Bundle, r.Revision = b.Ref, b.Revision
			rules[id] = r
		}
	}
}

// storeData is the data document rules read: each bundle's data under its
// roots, the repository's settings at data.tms.config and the protected
// bundle rules at data.tms.protected_rules, which the library never caps as
// backlog. Roots are disjoint, checked before, so the merge never replaces
// a value.
func storeData(config map[string]any, bundles []Bundle, protected []string) map[string]any {
	if config == nil {
		config = map[string]any{}
	}
	ids := make([]any, 0, len(protected))
	for _, id := range protected {
		ids = append(ids, id)
	}
	data := map[string]any{"tms": map[string]any{"config": config, "protected_rules": ids}}
	for _, b := range bundles {
		mergeInto(data, b.Data)
	}
	return data
}

func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		sub, isObj := v.(map[string]any)
		if !isObj {
			dst[k] = v
			continue
		}
		// Objects are copied, never shared, so a bundle's own data is
		// never changed by the merge of another.
		existing, ok := dst[k].(map[string]any)
		if !ok {
			existing = map[string]any{}
			dst[k] = existing
		}
		mergeInto(existing, sub)
	}
}

// bundleRefs resolves the config's local bundle paths against the directory
// of the config file, like its policy directories; URLs stay as written.
func bundleRefs(configPath string, refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, ref := range refs {
		if strings.Contains(ref, "://") {
			out = append(out, ref)
			continue
		}
		out = append(out, policyDirs(configPath, []string{ref})[0])
	}
	return out
}
