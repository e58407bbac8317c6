package npm

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/tms-dev/tms/extractors/internal/depset"
)

// The sources a dependency can come from: the words every dependency
// extractor uses, and npm's own alias (a registry package under another name).
const (
	sourceRegistry = depset.SourceRegistry
	sourceGit      = depset.SourceGit
	sourcePath     = depset.SourcePath
	sourceURL      = depset.SourceURL
	sourceAlias    = "alias"
)

var gitPrefixes = []string{
	"git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:",
}

var localPrefixes = []string{
	"file:", "link:", "workspace:", "./", "../", "/", "~/",
}

// specSource classifies a package.json spec the way npm reads it: an alias,
// a local path, a git repository (including the "user/repo" GitHub
// shorthand), a tarball URL, or else a range or tag for the registry.
func specSource(spec string) string {
	spec = strings.TrimSpace(spec)
	switch {
	case strings.HasPrefix(spec, "npm:"):
		return sourceAlias
	case hasAnyPrefix(spec, localPrefixes) || spec == "." || spec == "..":
		return sourcePath
	case hasAnyPrefix(spec, gitPrefixes) || isGitHubShorthand(spec):
		return sourceGit
	case strings.HasPrefix(spec, "http://") || strings.HasPrefix(spec, "https://"):
		return urlSource(spec)
	}
	return sourceRegistry
}

// isGitHubShorthand matches "user/repo" and "user/repo#ref". Version ranges
// never contain a slash, and a scoped name only appears after "npm:".
func isGitHubShorthand(spec string) bool {
	repo, _, _ := strings.Cut(spec, "#")
	user, name, ok := strings.Cut(repo, "/")
	return ok && user != "" && name != "" && !strings.HasPrefix(user, "@") &&
		!strings.ContainsAny(repo, ": ") && !strings.Contains(name, "/")
}

// urlSource tells a git repository served over HTTP from a tarball URL.
func urlSource(spec string) string {
	repo, _, _ := strings.Cut(spec, "#")
	if strings.HasSuffix(repo, ".git") {
		return sourceGit
	}
	return sourceURL
}

// resolvedSource classifies a lockfile entry, which keeps no spec: a link is
// a local folder, an alias records its real name, and the resolved URL shows
// the rest. Registries serve tarballs at <name>/-/<file>.tgz.
func resolvedSource(name string, e *lockEntry) string {
	version, resolved := e.Version, e.Resolved
	switch {
	case e.Link || strings.HasPrefix(resolved, "file:") || strings.HasPrefix(version, "file:"):
		return sourcePath
	case e.Name != "" && e.Name != name || strings.HasPrefix(version, "npm:"):
		return sourceAlias
	case hasAnyPrefix(resolved, gitPrefixes) || hasAnyPrefix(version, gitPrefixes):
		return sourceGit
	case resolved == "":
		return sourceRegistry
	}
	if u, err := url.Parse(resolved); err == nil && strings.Contains(u.Path, "/-/") &&
		strings.HasSuffix(u.Path, ".tgz") {
		return sourceRegistry
	}
	return urlSource(resolved)
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

var (
	exactSemver = regexp.MustCompile(
		`^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
	gitCommit = regexp.MustCompile(`#[0-9a-f]{40}$`)
)

// exactVersion reports whether a version or spec names one release: an
// exact semantic version (also behind "=" or an alias) or a git commit.
func exactVersion(v string) bool {
	if exactRelease(v) != "" {
		return true
	}
	v = strings.TrimSpace(v)
	return (hasAnyPrefix(v, gitPrefixes) || isGitHubShorthand(v) ||
		urlSource(v) == sourceGit) && gitCommit.MatchString(v)
}

// exactRelease returns the version a spec naming one registry release
// installs, as npm writes it (1.2.3 for =v1.2.3 or npm:pkg@1.2.3), or ""
// for any other spec.
func exactRelease(spec string) string {
	v := strings.TrimSpace(spec)
	if rest, ok := strings.CutPrefix(v, "npm:"); ok {
		at := strings.LastIndexByte(rest, '@')
		if at <= 0 {
			return ""
		}
		v = rest[at+1:]
	}
	v = strings.TrimSpace(strings.TrimPrefix(v, "="))
	if !exactSemver.MatchString(v) {
		return ""
	}
	return strings.TrimPrefix(v, "v")
}
