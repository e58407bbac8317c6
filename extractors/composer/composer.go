package composer

import (
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/depset"
	"github.com/tms-dev/tms/extractors/internal/keyline"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// Extractor reads composer.json and composer.lock files. The zero value is
// ready to use and safe for concurrent use.
type Extractor struct{}

// New returns a Composer extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "composer" }

// Match implements extractors.Extractor. Installed packages under vendor
// are someone else's manifests.
func (*Extractor) Match(p string) bool {
	base := path.Base(p)
	if base != "composer.json" && base != "composer.lock" {
		return false
	}
	return !strings.HasPrefix(p, "vendor/") && !strings.Contains(p, "/vendor/")
}

// sections are the requirement tables of composer.json and the package
// lists of composer.lock, with the scope each gives.
var sections = []struct{ manifest, lock, scope string }{
	{"require", "packages", "prod"},
	{"require-dev", "packages-dev", "dev"},
}

// Extract implements extractors.Extractor. A composer.lock is read on its
// own only when no composer.json sits beside it.
func (*Extractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item, error) {
	dir := path.Dir(f.Path)
	if path.Base(f.Path) == "composer.lock" {
		if _, found, _ := depset.ReadSibling(repo, path.Join(dir, "composer.json")); found {
			return nil, nil
		}
		doc, err := keyline.ParseJSON(f.Content)
		if err != nil {
			return nil, err
		}
		set := depset.New("packagist", f.Path, true)
		mergeLock(set, doc, f.Path)
		return set.Items(), nil
	}

	doc, err := keyline.ParseJSON(f.Content)
	if err != nil {
		return nil, err
	}
	lockPath := path.Join(dir, "composer.lock")
	content, found, lockErr := depset.ReadSibling(repo, lockPath)
	set := depset.New("packagist", f.Path, found)
	addRequired(set, doc, f.Path)
	if content != nil {
		lock, err := keyline.ParseJSON(content)
		if err != nil {
			lockErr = extractors.InFile(lockPath, err)
		} else {
			mergeLock(set, lock, lockPath)
		}
	}
	fillExactVersions(set)
	return set.Items(), lockErr
}

// addRequired lists what composer.json requires, leaving out the platform:
// PHP itself, its extensions and libraries, and Composer's own APIs.
func addRequired(set *depset.Set, doc *keyline.Document, manifest string) {
	for _, s := range sections {
		required := depset.Table(doc.Root, s.manifest)
		for _, name := range sortedKeys(required) {
			if isPlatform(name) {
				continue
			}
			constraint, _ := required[name].(string)
			set.Add(depset.Dep{
				Name: strings.ToLower(name), Constraint: constraint, Direct: true,
				Scope: s.scope, Source: depset.SourceRegistry, Pinned: exactVersion(constraint),
				At: extractors.Location{Path: manifest, Line: doc.Line(s.manifest, name)},
			})
		}
	}
}

func isPlatform(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "php", "php-64bit", "php-ipv6", "php-zts", "php-debug", "hhvm", "composer",
		"composer-plugin-api", "composer-runtime-api":
		return true
	}
	return strings.HasPrefix(n, "ext-") || strings.HasPrefix(n, "lib-")
}

var (
	releasePattern = regexp.MustCompile(`^(==?)?\s*v?\d+(\.\d+){0,3}(-[0-9A-Za-z.]+)?$`)
	branchCommit   = regexp.MustCompile(`#[0-9a-f]{40}$`)
)

// exactVersion reports a constraint that admits one release, such as
// "1.2.3" or "v2.0.0", or a branch held at a commit ("dev-main#<sha>").
func exactVersion(c string) bool {
	c = strings.TrimSpace(c)
	return releasePattern.MatchString(c) || branchCommit.MatchString(c)
}

// exactRelease returns the version an exact constraint names, without its
// = or == operator (3.12.1, v7.1.2), or "" for any other constraint.
func exactRelease(c string) string {
	c = strings.TrimSpace(c)
	if !releasePattern.MatchString(c) {
		return ""
	}
	return strings.TrimSpace(strings.TrimLeft(c, "="))
}

// fillExactVersions gives a required package the lockfile does not resolve
// (there is none, it cannot be read, or it does not list the package) the
// version its exact constraint names.
func fillExactVersions(set *depset.Set) {
	for _, d := range set.All() {
		if d.Version == "" && d.Direct {
			d.Version = exactRelease(d.Constraint)
		}
	}
}

// mergeLock completes the required packages from composer.lock and adds
// every other package it installs, with the scope of the list it is in.
func mergeLock(set *depset.Set, doc *keyline.Document, lockPath string) {
	dir := path.Dir(lockPath)
	for _, s := range sections {
		for i, entry := range depset.List(doc.Root, s.lock) {
			name := strings.ToLower(depset.String(entry, "name"))
			if name == "" {
				continue
			}
			line := doc.Line(s.lock, strconv.Itoa(i), "name")
			dep := set.Get(name)
			if dep == nil {
				dep = set.Add(depset.Dep{Name: name, Scope: s.scope,
					At: extractors.Location{Path: lockPath, Line: line}})
			}
			resolve(dep, entry, dir)
		}
	}
}

// resolve records a locked package: its version, its dist checksum, and
// where Composer fetches it. A package from a Composer repository such as
// Packagist names a notification URL; one from a VCS repository has none
// and is cloned or downloaded from that repository.
func resolve(dep *depset.Dep, entry any, dir string) {
	if dep.Version != "" {
		return // listed twice: the first entry counts
	}
	dep.Version = depset.String(entry, "version")
	dep.Hash = depset.String(entry, "dist", "shasum") != ""
	dep.Pinned = true

	distType, distURL := depset.String(entry, "dist", "type"), depset.String(entry, "dist", "url")
	srcType, srcURL := depset.String(entry, "source", "type"), depset.String(entry, "source", "url")
	switch {
	case distType == "path":
		dep.Source, dep.URL = depset.SourcePath, ""
		dep.Pinned = depset.InsideRepository(dir, distURL)
	case depset.String(entry, "notification-url") != "":
		dep.Source, dep.URL = depset.SourceRegistry, redact.Text(distURL)
	case srcType == "git" || srcType == "hg" || srcType == "svn":
		dep.Source, dep.URL = depset.SourceGit, redact.Text(srcURL)
	case distURL != "":
		dep.Source, dep.URL = depset.SourceURL, redact.Text(distURL)
	default:
		dep.Source, dep.URL = depset.SourceRegistry, ""
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
