package gradle

import (
	"regexp"
	"strings"
)

// dependency is a declaration resolved as far as the files allow.
type dependency struct {
	name       string // group:artifact
	constraint string // the version as written
	version    string // the version with its interpolations resolved
	unresolved bool   // a name or version that could not be resolved, or none given
	config     string
	line       int
}

// platformCalls wrap a notation without changing what it names.
var platformCalls = map[string]bool{
	"platform": true, "enforcedPlatform": true, "testFixtures": true,
}

// interpret turns a declaration's arguments into dependencies. Arguments
// that are not a dependency notation (project(…), files(…), expressions)
// yield nothing: they are either not someone else's code or not readable
// without running the build.
func (s *scope) interpret(d declared) []dependency {
	var deps []dependency
	named := map[string]arg{}
	for _, a := range d.args {
		switch {
		case a.bad:
		case a.name != "" && a.value != nil:
			named[a.name] = *a.value
		case a.name == "":
			deps = append(deps, s.positional(a)...)
		}
	}
	if dep, ok := s.fromMap(named, d.line); ok {
		deps = append(deps, dep)
	}
	for i := range deps {
		deps[i].config = d.config
	}
	return deps
}

func (s *scope) positional(a arg) []dependency {
	switch {
	case a.str != nil:
		if dep, ok := s.fromString(*a.str); ok {
			return []dependency{dep}
		}
	case strings.HasPrefix(a.ref, "libs."):
		return s.fromCatalog(strings.TrimPrefix(a.ref, "libs."), a.line)
	case a.ref != "":
		if t, ok := s.variable(refName(a.ref)); ok {
			t.line = a.line
			if dep, ok := s.fromString(t); ok {
				return []dependency{dep}
			}
		}
	case platformCalls[a.call]:
		return s.interpret(declared{args: a.inner, line: a.line})
	case a.call == "kotlin":
		return s.kotlinModule(a)
	}
	return nil
}

// kotlinModule reads kotlin("stdlib") and kotlin("stdlib", "1.9.0"), the
// Kotlin DSL's shorthand for org.jetbrains.kotlin:kotlin-<module>.
func (s *scope) kotlinModule(a arg) []dependency {
	if len(a.inner) == 0 || a.inner[0].str == nil || a.inner[0].name != "" {
		return nil
	}
	module, ok := s.text(*a.inner[0].str)
	if !ok || !validPart.MatchString(module) {
		return nil
	}
	dep := dependency{name: "org.jetbrains.kotlin:kotlin-" + module, line: a.line,
		unresolved: true}
	if len(a.inner) > 1 {
		s.setVersion(&dep, a.inner[1])
	}
	return []dependency{dep}
}

var (
	validPart = regexp.MustCompile(`^[A-Za-z0-9_.\-]+$`)
	rawPart   = regexp.MustCompile(`^[A-Za-z0-9_.\-${}]+$`)
)

// fromString reads "group:artifact[:version[:classifier]][@extension]".
func (s *scope) fromString(t token) (dependency, bool) {
	parts := splitCoordinates(t.text)
	if len(parts) < 2 || len(parts) > 4 {
		return dependency{}, false
	}
	last := len(parts) - 1
	parts[last], _, _ = strings.Cut(parts[last], "@")

	dep := dependency{line: t.line}
	name, ok := s.name(t, parts[0], parts[1])
	if !ok {
		return dependency{}, false
	}
	dep.name = name
	if len(parts) >= 3 {
		dep.constraint = parts[2]
		version, ok := s.text(token{text: parts[2], quote: t.quote})
		dep.version, dep.unresolved = version, !ok
	}
	dep.unresolved = dep.unresolved || dep.constraint == "" ||
		strings.Contains(dep.name, "$")
	return dep, true
}

// name resolves group and artifact. Either may still hold an interpolation
// that could not be resolved; it is kept as written.
func (s *scope) name(t token, group, artifact string) (string, bool) {
	var out []string
	for _, part := range []string{group, artifact} {
		v, ok := s.text(token{text: part, quote: t.quote})
		switch {
		case ok && validPart.MatchString(v):
			out = append(out, v)
		case !ok && rawPart.MatchString(part):
			out = append(out, part)
		default:
			return "", false
		}
	}
	return out[0] + ":" + out[1], true
}

// splitCoordinates splits at the colons outside ${…}.
func splitCoordinates(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ':':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// fromMap reads group: 'g', name: 'a', version: 'v' and the Kotlin
// group = "g" form. Without a group the notation names a file in a flat
// directory repository, not a module.
func (s *scope) fromMap(named map[string]arg, line int) (dependency, bool) {
	group, artifact := named["group"], named["name"]
	if group.str == nil || artifact.str == nil {
		return dependency{}, false
	}
	name, ok := s.name(*group.str, group.str.text, artifact.str.text)
	if !ok {
		return dependency{}, false
	}
	dep := dependency{name: name, line: line, unresolved: true}
	if v, ok := named["version"]; ok {
		s.setVersion(&dep, v)
	}
	dep.unresolved = dep.unresolved || strings.Contains(name, "$")
	return dep, true
}

// setVersion reads a version argument: a string, or the name of a script
// variable or Gradle property holding one. The constraint is what the
// script wrote, so a name is kept as such.
func (s *scope) setVersion(dep *dependency, a arg) {
	switch {
	case a.str != nil:
		dep.constraint = a.str.text
		version, ok := s.text(*a.str)
		dep.version, dep.unresolved = version, !ok
	case a.ref != "":
		dep.constraint = a.ref
		version, ok := s.lookup(a.ref, 0)
		dep.version, dep.unresolved = version, !ok
	}
}

// fromCatalog resolves libs.<ref>: one library or a bundle's libraries.
func (s *scope) fromCatalog(ref string, line int) []dependency {
	libs, ok := s.catalog.resolve(ref)
	if !ok {
		return nil
	}
	deps := make([]dependency, 0, len(libs))
	for _, lib := range libs {
		deps = append(deps, dependency{
			name: lib.group + ":" + lib.artifact, constraint: lib.version,
			version: lib.version, unresolved: lib.unresolved || lib.version == "", line: line,
		})
	}
	return deps
}

var exactVersion = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._\-]*$`)

// isExact reports whether v names one version: not a range, not a prefix
// like 1.+, not latest.release.
func isExact(v string) bool {
	return exactVersion.MatchString(v) && !strings.HasPrefix(v, "latest.")
}

// isSnapshot reports whether v is a snapshot, which the repository may
// replace with a newer build under the same version.
func isSnapshot(v string) bool {
	return strings.HasSuffix(strings.ToUpper(v), "-SNAPSHOT")
}
