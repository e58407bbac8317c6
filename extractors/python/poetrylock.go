package python

import (
	"errors"
	"slices"
	"strconv"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/keyline"
)

// readPoetryLock reads a poetry.lock: one [[package]] per installed
// package, with its files' hashes (under [metadata.files] in lockfiles
// before Poetry 1.2) and its group or category.
func readPoetryLock(content []byte) (*lockfile, error) {
	doc, err := keyline.ParseTOML(content)
	if err != nil {
		return nil, err
	}
	l := newLockfile()
	oldFiles := depset.Table(doc.Root, "metadata", "files")
	for i, entry := range depset.List(doc.Root, "package") {
		line := doc.Line("package", strconv.Itoa(i))
		name := depset.String(entry, "name")
		if name == "" {
			l.noteProblem(line, "package without a name")
			continue
		}
		p := &lockedPackage{
			name: normalize(name), version: depset.String(entry, "version"),
			scope: poetryScope(entry), line: line,
		}
		p.hash = filesHashed(depset.List(entry, "files")) || filesHashed(listAt(oldFiles, name))
		p.source, p.url = poetrySource(depset.Table(entry, "source"))
		for dep := range depset.Table(entry, "dependencies") {
			p.deps = append(p.deps, normalize(dep))
		}
		slices.Sort(p.deps)
		l.add(p)
	}
	return l, nil
}

func (l *lockfile) noteProblem(line int, msg string) {
	if l.problem == nil {
		l.problem = extractors.AtLine(line, errors.New(msg))
	}
}

// listAt finds a package's files under [metadata.files], whose keys are
// written as the package's name was.
func listAt(files map[string]any, name string) []any {
	if l, ok := files[name].([]any); ok {
		return l
	}
	for key, v := range files {
		if normalize(key) == normalize(name) {
			l, _ := v.([]any)
			return l
		}
	}
	return nil
}

func filesHashed(files []any) bool {
	for _, f := range files {
		if depset.String(f, "hash") != "" {
			return true
		}
	}
	return false
}

// poetryScope reads Poetry 2's groups or the older category. A package
// in the main group is production whatever other groups also need it.
func poetryScope(entry any) string {
	scope := ""
	groups := depset.List(entry, "groups")
	for _, g := range groups {
		if s, _ := g.(string); s == "main" {
			scope = "prod"
		}
	}
	if scope == "" && len(groups) > 0 {
		scope, _ = groups[0].(string)
	}
	switch category := depset.String(entry, "category"); {
	case scope != "":
	case category == "main":
		scope = "prod"
	case category != "":
		scope = category
	}
	if scope == "prod" && depset.Bool(entry, "optional") {
		return "optional"
	}
	return scope
}

// poetrySource reads [package.source]: absent for PyPI, "legacy" for
// another index, or a git repository, directory, file or URL.
func poetrySource(src map[string]any) (source, url string) {
	u := depset.String(src, "url")
	switch depset.String(src, "type") {
	case "":
		return depset.SourceRegistry, ""
	case "git":
		return depset.SourceGit, u
	case "directory", "file":
		return depset.SourcePath, ""
	case "url":
		return depset.SourceURL, u
	}
	return depset.SourceRegistry, u
}
