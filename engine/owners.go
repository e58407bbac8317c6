package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
)

// owner is a source that alone may define documents under its roots. The
// library owns its helpers, its decision package and each of its rule areas;
// a bundle owns the roots of its manifest; the engine owns the settings it
// passes to rules. Without owners, a team directory could add a body to a
// library helper such as lib.covered and switch off every rule that uses it.
type owner struct {
	source   string // as parseModules records it in sourceOf
	name     string // for messages
	roots    []string
	confined bool // its own packages must stay inside its roots
}

// settingsRoot is where the engine keeps the repository's settings for
// rules (data.tms.config).
const settingsRoot = "tms/config"

// protectedRoot is where the engine lists the protected bundle rules
// (data.tms.protected_rules): a bundle that wrote there could unprotect
// another's rules.
const protectedRoot = "tms/protected_rules"

// policyOwners lists the owners of a compilation: the engine's settings, the
// library (whose roots are the packages it ships) and each bundle.
func policyOwners(modules map[string]*ast.Module, sourceOf map[string]string,
	bundles []Bundle) []owner {
	owners := []owner{
		{name: "the repository's settings (data.tms.config)", roots: []string{settingsRoot}},
		{name: "the engine's protected rules (data.tms.protected_rules)",
			roots: []string{protectedRoot}},
		{source: builtinSource, name: "the built-in library", roots: libraryRoots(modules, sourceOf)},
	}
	for _, b := range bundles {
		owners = append(owners, owner{source: b.Source(), name: b.Name(), roots: b.Roots,
			confined: true})
	}
	return owners
}

// libraryRoots are the packages of the built-in library's policy files:
// tms/lib, tms/main and tms/rules/<area> for each area it ships.
func libraryRoots(modules map[string]*ast.Module, sourceOf map[string]string) []string {
	seen := map[string]bool{}
	for name, m := range modules {
		if sourceOf[name] == builtinSource && !strings.HasSuffix(name, "_test.rego") {
			seen[refPath(m.Package.Path)] = true
		}
	}
	roots := make([]string, 0, len(seen))
	for root := range seen {
		roots = append(roots, root)
	}
	sort.Strings(roots)
	return roots
}

// checkOwners refuses sources that write into roots they do not own, before
// compilation: a team module that redefines a library helper must be named
// as the problem, not surface as a conflict somewhere in the library.
func checkOwners(modules map[string]*ast.Module, sourceOf map[string]string, bundles []Bundle) error {
	owners := policyOwners(modules, sourceOf, bundles)
	if err := checkRoots(owners); err != nil {
		return err
	}
	return checkOwnership(modules, sourceOf, owners)
}

// checkRoots refuses a bundle whose roots overlap those of another owner:
// the second author of one path would silently replace what the first
// decided.
func checkRoots(owners []owner) error {
	for i, a := range owners {
		for _, b := range owners[i+1:] {
			if !b.confined {
				continue
			}
			if root, other, ok := overlappingRoots(a.roots, b.roots); ok {
				return fmt.Errorf("%w: %s and %s overlap: roots %q and %q",
					ErrInvalidPolicy, a.name, b.name, root, other)
			}
		}
	}
	return nil
}

func overlappingRoots(a, b []string) (string, string, bool) {
	for _, x := range a {
		for _, y := range b {
			if bundle.RootPathsOverlap(x, y) {
				return x, y, true
			}
		}
	}
	return "", "", false
}

// checkOwnership makes each owner the only author of its roots: no module
// declares a package inside the roots of an owner that is not its source,
// no rule defines a document under them, and a bundle's packages stay inside
// its own roots. It needs only parsed modules, so it runs before compilation
// and reports every problem at once, sorted.
func checkOwnership(modules map[string]*ast.Module, sourceOf map[string]string,
	owners []owner) error {
	var problems []string
	for name, m := range modules {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		problems = append(problems, moduleTrespasses(name, m, sourceOf[name], owners)...)
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("%w:\n%s", ErrInvalidPolicy, strings.Join(problems, "\n"))
	}
	return nil
}

func moduleTrespasses(name string, m *ast.Module, source string, owners []owner) []string {
	pkg := refPath(m.Package.Path)
	at := fmt.Sprintf("%s:%d", name, m.Package.Location.Row)
	for _, o := range owners {
		if o.source == source && o.confined && !bundle.RootPathsContain(o.roots, pkg) {
			return []string{fmt.Sprintf("%s: package %s is outside the roots %v of %s",
				at, m.Package.Path, o.roots, o.name)}
		}
		if o.source != source && bundle.RootPathsContain(o.roots, pkg) {
			return []string{fmt.Sprintf("%s: package %s belongs to %s: %s", at,
				strings.TrimPrefix(m.Package.Path.String(), "data."), o.name, ownPackageHint(source))}
		}
	}
	var problems []string
	for _, r := range m.Rules {
		if p := ruleTrespass(r, source, owners); p != "" {
			problems = append(problems, p)
		}
	}
	return problems
}

// ownPackageHint says where a source's rules belong instead.
func ownPackageHint(source string) string {
	if strings.HasPrefix(source, "bundle:") {
		return "a bundle's packages stay inside its own roots"
	}
	return "team rules use a package of their own, e.g. `package tms.rules.team_payments`"
}

// ruleTrespass describes a rule of source that defines a document under the
// roots of another owner, or returns "".
func ruleTrespass(r *ast.Rule, source string, owners []owner) string {
	path := refPath(r.Ref())
	for _, o := range owners {
		if o.source == source {
			continue
		}
		for _, root := range o.roots {
			if bundle.RootPathsOverlap(root, path) {
				return fmt.Sprintf("%s:%d: %s defines data.%s, under root %q of %s: "+
					"only its owner may define rules there", r.Location.File, r.Location.Row,
					sourceName(source), strings.ReplaceAll(path, "/", "."), root, o.name)
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
