package python

import (
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/keyline"
)

// readUVLock reads a uv.lock beside its project.
func readUVLock(content []byte) (*lockfile, error) { return readUVLockFor(content, ".") }

// readUVLockFor reads a uv.lock for the project in folder project, relative
// to the lockfile: the package whose source is that folder. Its
// requirements, extras and dependency groups are the roots of the graph.
func readUVLockFor(content []byte, project string) (*lockfile, error) {
	doc, err := keyline.ParseTOML(content)
	if err != nil {
		return nil, err
	}
	l := newLockfile()
	l.onlyReached = true
	for i, entry := range depset.List(doc.Root, "package") {
		line := doc.Line("package", strconv.Itoa(i))
		name := depset.String(entry, "name")
		if name == "" {
			l.noteProblem(line, "package without a name")
			continue
		}
		p := &lockedPackage{name: normalize(name), version: depset.String(entry, "version"),
			line: line, deps: uvNames(depset.List(entry, "dependencies"))}
		p.source, p.url = uvSource(depset.Table(entry, "source"))
		p.hash = depset.String(entry, "sdist", "hash") != "" ||
			filesHashed(depset.List(entry, "wheels"))
		if isProject(depset.Table(entry, "source"), project) {
			l.roots = append(l.roots, uvRoots(entry)...)
			continue // the project is not its own dependency
		}
		l.add(p)
	}
	return l, nil
}

func isProject(src map[string]any, project string) bool {
	for _, key := range []string{"editable", "virtual"} {
		if v := depset.String(src, key); v != "" && path.Clean(v) == project {
			return true
		}
	}
	return false
}

// uvRoots lists the project's requirements by scope: its dependencies, its
// extras, then its dependency groups.
func uvRoots(entry any) []depset.Root {
	var roots []depset.Root
	for _, n := range uvNames(depset.List(entry, "dependencies")) {
		roots = append(roots, depset.Root{Node: n, Scope: "prod"})
	}
	extras := depset.Table(entry, "optional-dependencies")
	for _, extra := range slices.Sorted(maps.Keys(extras)) {
		for _, n := range uvNames(asList(extras[extra])) {
			roots = append(roots, depset.Root{Node: n, Scope: "optional"})
		}
	}
	groups := depset.Table(entry, "dev-dependencies")
	for _, group := range slices.Sorted(maps.Keys(groups)) {
		for _, n := range uvNames(asList(groups[group])) {
			roots = append(roots, depset.Root{Node: n, Scope: groupScope(group)})
		}
	}
	return roots
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func uvNames(list []any) []string {
	var names []string
	for _, d := range list {
		if n := depset.String(d, "name"); n != "" {
			names = append(names, normalize(n))
		}
	}
	return names
}

// uvSource reads the inline source table: registry, git, url, or one of the
// local kinds (path, directory, editable, virtual).
func uvSource(src map[string]any) (source, url string) {
	switch {
	case depset.String(src, "registry") != "":
		return depset.SourceRegistry, depset.String(src, "registry")
	case depset.String(src, "git") != "":
		u, _, _ := strings.Cut(depset.String(src, "git"), "#")
		return depset.SourceGit, u
	case depset.String(src, "url") != "":
		return depset.SourceURL, depset.String(src, "url")
	case len(src) > 0:
		return depset.SourcePath, ""
	}
	return depset.SourceRegistry, ""
}

// groupScope names a dependency group's scope: "dev" as the other
// ecosystems say it, any other group by its name.
func groupScope(group string) string {
	if g := normalize(group); g != "dev" && g != "development" {
		return g
	}
	return "dev"
}
