package python

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/keyline"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// pipfileTables are Pipfile tables that hold no packages. Every other table
// is a package category: [packages], [dev-packages] or a custom one.
var pipfileTables = map[string]bool{"source": true, "requires": true, "pipenv": true,
	"scripts": true}

func extractPipfile(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	doc, err := keyline.ParseTOML(f.Content)
	if err != nil {
		return nil, err
	}
	readers := map[string]lockReader{"Pipfile.lock": readPipfileLock}
	lock, lockPath, locked, lockErr := loadLock(repo, path.Dir(f.Path),
		[]string{"Pipfile.lock"}, readers)

	set := depset.New("pypi", f.Path, locked)
	for _, table := range slices.Sorted(maps.Keys(doc.Root)) {
		if pipfileTables[table] {
			continue
		}
		packages := depset.Table(doc.Root, table)
		for _, name := range slices.Sorted(maps.Keys(packages)) {
			at := extractors.Location{Path: f.Path, Line: doc.Line(table, name)}
			set.Add(pipfileDependency(f.Path, normalize(name), packages[name],
				pipenvScope(table), at))
		}
	}
	if lock != nil {
		mergeLock(set, lock, lockPath)
	}
	return set.Items(), lockErr
}

// pipenvScope names a category's scope.
func pipenvScope(category string) string {
	switch category {
	case "packages", "default":
		return "prod"
	case "dev-packages", "develop":
		return "dev"
	}
	return category
}

// pipfileDependency reads "*", ">=1.2", or a table with a version, git,
// path or file.
func pipfileDependency(manifest, name string, v any, scope string,
	at extractors.Location) depset.Dep {
	d := depset.Dep{Name: name, Direct: true, Scope: scope, Source: depset.SourceRegistry,
		At: at, Extra: map[string]any{"markers": depset.String(v, "markers"),
			"editable": depset.Bool(v, "editable")}}
	d.Constraint, _ = v.(string)
	if d.Constraint == "" {
		d.Constraint = depset.String(v, "version")
	}
	if m := exactSpecifier.FindStringSubmatch(strings.TrimSpace(d.Constraint)); m != nil {
		d.Pinned, d.Version = true, m[2]
	}
	switch {
	case depset.String(v, "git") != "":
		d.Source, d.URL = depset.SourceGit, redact.Text(depset.String(v, "git"))
		d.Constraint = depset.String(v, "ref")
		d.Pinned = commitHash.MatchString(d.Constraint)
	case depset.String(v, "path") != "":
		d.Source = depset.SourcePath
		d.Pinned = depset.InsideRepository(path.Dir(manifest), depset.String(v, "path"))
	case depset.String(v, "file") != "":
		file := depset.String(v, "file")
		d.Source, d.URL = depset.SourcePath, ""
		if hasAnyPrefix(file, urlSchemes) {
			d.Source, d.URL = depset.SourceURL, redact.Text(file)
		}
	}
	return d
}

// readPipfileLock reads a Pipfile.lock: one object per category, each
// package with its exact version, hashes and source. It records no graph.
func readPipfileLock(content []byte) (*lockfile, error) {
	doc, err := keyline.ParseJSON(content)
	if err != nil {
		return nil, err
	}
	indexes := map[string]string{}
	for _, s := range depset.List(doc.Root, "_meta", "sources") {
		indexes[depset.String(s, "name")] = depset.String(s, "url")
	}

	l := newLockfile()
	for _, category := range slices.Sorted(maps.Keys(doc.Root)) {
		if strings.HasPrefix(category, "_") {
			continue
		}
		packages := depset.Table(doc.Root, category)
		for _, name := range slices.Sorted(maps.Keys(packages)) {
			e := packages[name]
			p := &lockedPackage{name: normalize(name), scope: pipenvScope(category),
				line: doc.Line(category, name), hash: len(depset.List(e, "hashes")) > 0}
			p.version = strings.TrimLeft(depset.String(e, "version"), "=")
			p.source, p.url = pipfileLockSource(e, indexes)
			l.add(p)
		}
	}
	return l, nil
}

func pipfileLockSource(e any, indexes map[string]string) (source, url string) {
	switch {
	case depset.String(e, "git") != "":
		return depset.SourceGit, depset.String(e, "git")
	case depset.String(e, "path") != "":
		return depset.SourcePath, ""
	case hasAnyPrefix(depset.String(e, "file"), urlSchemes):
		return depset.SourceURL, depset.String(e, "file")
	case depset.String(e, "file") != "":
		return depset.SourcePath, ""
	}
	return depset.SourceRegistry, indexes[depset.String(e, "index")]
}
