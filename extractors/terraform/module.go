package terraform

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// moduleSource is where a module's code comes from and whether what is
// fetched is fixed.
type moduleSource struct {
	kind   string // local, registry, git, other
	pinned bool
}

var (
	registryAddr = regexp.MustCompile(
		`^([a-z0-9.-]+\.[a-z]{2,}/)?[0-9A-Za-z_-]+/[0-9A-Za-z_-]+/[0-9a-z]+(//.*)?$`)
	fullCommit = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)
	gitHosts   = []string{"github.com/", "bitbucket.org/", "git@", "git::"}
)

// classifySource follows Terraform's module source rules: ./ and ../ are
// local, a registry address needs an exact version, a git source needs a
// full commit in ref (tags and branches can move), anything else fetched
// over the network is unpinned.
func classifySource(file, source, version string) moduleSource {
	switch {
	case strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../"):
		return moduleSource{kind: "local", pinned: insideRepository(path.Dir(file), source)}
	case isGit(source):
		return moduleSource{kind: "git", pinned: fullCommit.MatchString(refOf(source))}
	case registryAddr.MatchString(source):
		return moduleSource{kind: "registry", pinned: exactVersion.MatchString(version)}
	}
	return moduleSource{kind: "other"}
}

func isGit(source string) bool {
	for _, prefix := range gitHosts {
		if strings.HasPrefix(source, prefix) {
			return true
		}
	}
	return strings.Contains(strings.SplitN(source, "?", 2)[0], ".git")
}

// refOf reads the ref query parameter of a source address.
func refOf(source string) string {
	_, query, ok := strings.Cut(source, "?")
	if !ok {
		return ""
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return ""
	}
	return values.Get("ref")
}

// insideRepository reports whether a relative path from dir stays inside
// the repository, whose commit then fixes the module's content.
func insideRepository(dir, target string) bool {
	joined := path.Join(dir, target)
	return joined != ".." && !strings.HasPrefix(joined, "../")
}
