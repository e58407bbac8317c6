package python

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/tms-dev/tms/extractors/internal/depset"
)

// requirement is one PEP 508 requirement, or a bare URL or path as pip and
// requirements files also accept.
type requirement struct {
	name      string // normalised; for an unnamed URL or path, the text itself
	specifier string // ">=2,<3", or the URL or path as written
	markers   string
	source    string
	url       string
	pinned    bool
	version   string // the one version an exact specifier allows
	hash      bool   // a URL fragment carries a hash of the archive
}

// clause is one version clause of a specifier, such as ">=2.31".
const clause = `(~=|===|==|!=|<=|>=|<|>)\s*[0-9A-Za-z.*+!_-]+`

var (
	runOfSeparators = regexp.MustCompile(`[-_.]+`)
	leadingName     = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?`)
	exactSpecifier  = regexp.MustCompile(`^(===?)\s*([^\s,*;]+)$`)
	specifierList   = regexp.MustCompile(`^(` + clause + `)(\s*,\s*` + clause + `)*$`)
	commitRef       = regexp.MustCompile(`@[0-9a-f]{40}(?:#|$)`)
	vcsSchemes      = []string{"git+", "hg+", "svn+", "bzr+"}
	urlSchemes      = []string{"http://", "https://", "ftp://"}
	archiveSuffixes = []string{".whl", ".tar.gz", ".tgz", ".tar.bz2", ".zip"}
)

// normalize applies PEP 503: lower case, runs of "-", "_" and "." as one "-".
func normalize(name string) string {
	return runOfSeparators.ReplaceAllString(strings.ToLower(strings.TrimSpace(name)), "-")
}

// parseRequirement reads "name[extras] specifiers ; markers", "name @ url ;
// markers", or a URL or path alone. ok is false for text that is none of them.
func parseRequirement(text string) (r requirement, ok bool) {
	text = strings.TrimSpace(text)
	name := leadingName.FindString(text)
	rest := strings.TrimSpace(text[len(name):])
	if strings.HasPrefix(rest, "[") {
		if end := strings.IndexByte(rest, ']'); end >= 0 {
			rest = strings.TrimSpace(rest[end+1:])
		}
	}
	if at, ok := strings.CutPrefix(rest, "@"); ok && name != "" {
		loc, markers := splitMarkers(strings.TrimSpace(at), true)
		r := locationRequirement(loc, name)
		r.markers = markers
		return r, loc != ""
	}
	if first, _, _ := strings.Cut(text, " "); isLocation(first) {
		loc, markers := splitMarkers(text, true)
		r := locationRequirement(loc, "")
		r.markers = markers
		return r, true
	}
	if name == "" {
		return requirement{}, false
	}

	spec, markers := splitMarkers(rest, false)
	spec = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(spec, "("), ")"))
	if spec != "" && !specifierList.MatchString(spec) {
		return requirement{}, false
	}
	r = requirement{name: normalize(name), specifier: spec, markers: markers,
		source: depset.SourceRegistry}
	if m := exactSpecifier.FindStringSubmatch(spec); m != nil {
		r.pinned, r.version = true, m[2]
	}
	return r, true
}

// splitMarkers cuts the environment markers off. After a URL, PEP 508 wants
// whitespace before the ";" since a URL may hold one.
func splitMarkers(s string, afterURL bool) (string, string) {
	i := strings.IndexByte(s, ';')
	if afterURL {
		i = strings.Index(s, " ;")
	}
	if i < 0 {
		return strings.TrimSpace(s), ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(strings.TrimLeft(s[i:], " ;"))
}

// isLocation tells a URL or a path from a project name.
func isLocation(s string) bool {
	return hasAnyPrefix(s, vcsSchemes) || hasAnyPrefix(s, urlSchemes) ||
		strings.HasPrefix(s, "file:") || strings.HasPrefix(s, ".") ||
		strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~") ||
		strings.ContainsAny(s, `/\`) || hasAnySuffix(s, archiveSuffixes)
}

// locationRequirement classifies a requirement given by where to fetch it.
// Without a name, the egg fragment names it, and failing that the location
// itself does, so that the id stays stable.
func locationRequirement(loc, name string) requirement {
	r := requirement{specifier: loc, name: normalize(name)}
	if r.name == "" {
		r.name = nameFromLocation(loc)
	}
	switch {
	case hasAnyPrefix(loc, vcsSchemes):
		_, rest, _ := strings.Cut(loc, "+")
		r.source, r.url = depset.SourceGit, withoutFragment(rest)
		r.pinned = commitRef.MatchString(loc)
	case hasAnyPrefix(loc, urlSchemes):
		r.source, r.url = depset.SourceURL, withoutFragment(loc)
		r.hash = archiveHash(loc)
		r.pinned = r.hash
	default:
		r.source = depset.SourcePath
	}
	return r
}

func nameFromLocation(loc string) string {
	if _, frag, ok := strings.Cut(loc, "#"); ok {
		if q, err := url.ParseQuery(frag); err == nil && q.Get("egg") != "" {
			return normalize(q.Get("egg"))
		}
	}
	if base := path.Base(withoutFragment(loc)); strings.HasSuffix(base, ".whl") {
		if name, _, ok := strings.Cut(base, "-"); ok && name != "" {
			return normalize(name)
		}
	}
	return loc
}

func withoutFragment(u string) string {
	before, _, _ := strings.Cut(u, "#")
	return before
}

// archiveHash reports a "#sha256=..." style fragment, which pip checks.
func archiveHash(u string) bool {
	_, frag, _ := strings.Cut(u, "#")
	for _, alg := range []string{"sha256=", "sha384=", "sha512=", "md5=", "sha1="} {
		if strings.Contains(frag, alg) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, p := range suffixes {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}
