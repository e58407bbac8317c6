package dotnet

import (
	"strings"
)

// reference is one package a project file names, with its settings as
// written.
type reference struct {
	name       string
	version    string // Version, or VersionOverride under central management
	hasVersion bool
	dev        bool // PrivateAssets="all": used to build, not shipped
	line       int
}

// project is what an MSBuild file says about packages: its properties (by
// lowercase name, as MSBuild ignores their case), the
// PackageReference items, and the central versions and global references of
// a Directory.Packages.props.
type project struct {
	properties map[string]string
	references []reference          // PackageReference and GlobalPackageReference
	versions   map[string]reference // PackageVersion, by lowercase name
}

// readProject collects what an MSBuild element tree declares, wherever its
// PropertyGroup and ItemGroup elements are, conditions included: a
// condition decides a build, not whether the package is in the repository.
func readProject(root *element) *project {
	p := &project{properties: map[string]string{}, versions: map[string]reference{}}
	if root == nil {
		return p
	}
	p.visit(root, 0)
	return p
}

// maxVisitDepth is deeper than MSBuild files nest their groups (inside
// Choose, When and Otherwise at most); deeper elements are not visited, so
// a hostile nesting cannot exhaust the stack.
const maxVisitDepth = 32

func (p *project) visit(e *element, depth int) {
	if depth > maxVisitDepth {
		return
	}
	for _, c := range e.children {
		switch {
		case e.name == "PropertyGroup":
			p.properties[strings.ToLower(c.name)] = c.text // a later definition wins
		case e.name == "ItemGroup":
			p.item(c)
		default:
			p.visit(c, depth+1)
		}
	}
}

// item reads one ItemGroup entry. Update entries change references declared
// elsewhere and Remove entries drop them; neither declares a package.
func (p *project) item(e *element) {
	switch e.name {
	case "PackageReference", "GlobalPackageReference":
		for _, name := range includes(e) {
			p.references = append(p.references, newReference(e, name))
		}
	case "PackageVersion":
		for _, name := range includes(e) {
			key := strings.ToLower(name)
			if _, ok := p.versions[key]; !ok {
				p.versions[key] = newReference(e, name)
			}
		}
	}
}

// includes splits an Include attribute, which may list several items.
func includes(e *element) []string {
	var names []string
	for _, name := range strings.Split(e.attrs["Include"], ";") {
		if name = strings.TrimSpace(name); name != "" {
			names = append(names, name)
		}
	}
	return names
}

func newReference(e *element, name string) reference {
	r := reference{name: name, line: e.line}
	r.version, r.hasVersion = e.value("VersionOverride")
	if !r.hasVersion {
		r.version, r.hasVersion = e.value("Version")
	}
	assets, _ := e.value("PrivateAssets")
	// Global references default to PrivateAssets=all: they are analyzers and
	// build tools that every project uses and none ships.
	r.dev = strings.EqualFold(strings.TrimSpace(assets), "all") ||
		e.name == "GlobalPackageReference"
	return r
}

// maxExpansions bounds properties defined by other properties, which also
// stops a property that refers to itself.
const maxExpansions = 16

// expand replaces every $(Name) in s with the property's value. When one
// cannot be resolved, s is returned as written and ok is false.
func expand(props map[string]string, s string) (string, bool) {
	out := s
	for range maxExpansions {
		start := strings.Index(out, "$(")
		if start < 0 {
			return out, true
		}
		end := strings.IndexByte(out[start:], ')')
		if end < 0 {
			return s, false
		}
		value, ok := lookup(props, out[start+2:start+end])
		if !ok {
			return s, false
		}
		out = out[:start] + value + out[start+end+1:]
	}
	if strings.Contains(out, "$(") {
		return s, false
	}
	return out, true
}

// lookup finds a property by name; MSBuild property names ignore case.
func lookup(props map[string]string, name string) (string, bool) {
	v, ok := props[strings.ToLower(strings.TrimSpace(name))]
	return v, ok
}
