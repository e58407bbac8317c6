package engine

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
)

// Bundle is an organisation's policy bundle, already verified and read by
// the bundles package. The engine compiles its Rego between the built-in
// library and the repository's own rules, and puts its data in the store.
type Bundle struct {
	Ref      string         // where it came from, as the user named it
	Revision string         // the manifest's revision
	Digest   string         // sha256 of the bundle file; empty for a directory
	Signed   bool           // its signature was verified
	Roots    []string       // the manifest's roots, e.g. tms/rules/acme
	Policies fs.FS          // its Rego files
	Data     map[string]any // its data document, rooted at data
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
		Roots: b.Roots}
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

// BundleInfo identifies a bundle a run was evaluated with.
type BundleInfo struct {
	Ref      string   `json:"ref"`
	Revision string   `json:"revision"`
	Digest   string   `json:"digest,omitempty"`
	Signed   bool     `json:"signed"`
	Roots    []string `json:"roots"`
}

// bundleSources turns bundles into policy sources, named by Source.
func bundleSources(bundles []Bundle) []PolicySource {
	out := make([]PolicySource, 0, len(bundles))
	for _, b := range bundles {
		out = append(out, PolicySource{Dir: b.Source(), FS: b.Policies})
	}
	return out
}

// reservedData is where the engine keeps data of its own: no bundle may
// claim it.
const reservedData = "tms/config"

// checkBundleRoots refuses bundles whose roots overlap each other or the
// engine's own data. Two owners of one path would make the second silently
// replace what the first decided.
func checkBundleRoots(bundles []Bundle) error {
	for i, a := range bundles {
		for _, root := range a.Roots {
			if bundle.RootPathsOverlap(root, reservedData) {
				return fmt.Errorf("%w: bundle %s: root %q overlaps data.tms.config, "+
					"which holds the repository's settings", ErrInvalidPolicy, a.Ref, root)
			}
			for _, b := range bundles[i+1:] {
				for _, other := range b.Roots {
					if bundle.RootPathsOverlap(root, other) {
						return fmt.Errorf("%w: bundles %s and %s overlap: roots %q and %q",
							ErrInvalidPolicy, a.Ref, b.Ref, root, other)
					}
				}
			}
		}
	}
	return nil
}

// checkBundleOwnership makes each bundle the only author of its roots: a
// bundle's rules stay inside its roots, and no other source (the library, a
// team directory, another bundle) defines a rule under them. Otherwise a
// repository could add a helper rule to a bundle's package and switch its
// findings off.
func checkBundleOwnership(compiler *ast.Compiler, bundles []Bundle,
	sourceOf map[string]string) error {
	owner := map[string]Bundle{}
	for _, b := range bundles {
		owner[b.Source()] = b
	}
	var problems []string
	for _, name := range sortedModuleNames(compiler) {
		m := compiler.Modules[name]
		source := sourceOf[name]
		if b, ok := owner[source]; ok && !bundle.RootPathsContain(b.Roots, refPath(m.Package.Path)) {
			problems = append(problems, fmt.Sprintf("%s:%d: package %s is outside the roots %v "+
				"of bundle %s", name, m.Package.Location.Row, m.Package.Path, b.Roots, b.Ref))
		}
		for _, r := range m.Rules {
			if p := trespass(r, source, bundles); p != "" {
				problems = append(problems, p)
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("%w:\n%s", ErrInvalidPolicy, strings.Join(problems, "\n"))
	}
	return nil
}

// trespass describes a rule of source that defines a document under the
// roots of a bundle that is not source, or returns "".
func trespass(r *ast.Rule, source string, bundles []Bundle) string {
	path := refPath(r.Ref())
	for _, b := range bundles {
		if b.Source() == source {
			continue
		}
		for _, root := range b.Roots {
			if bundle.RootPathsOverlap(root, path) {
				return fmt.Sprintf("%s:%d: %s defines data.%s, under root %q of bundle %s: "+
					"only the bundle may define rules there", r.Location.File, r.Location.Row,
					sourceName(source), strings.ReplaceAll(path, "/", "."), root, b.Ref)
			}
		}
	}
	return ""
}

func sourceName(source string) string {
	if source == builtinSource {
		return "the built-in library"
	}
	return source
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
// roots, and the repository's settings at data.tms.config. Roots are
// disjoint, checked before, so the merge never replaces a value.
func storeData(config map[string]any, bundles []Bundle) map[string]any {
	if config == nil {
		config = map[string]any{}
	}
	data := map[string]any{"tms": map[string]any{"config": config}}
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
