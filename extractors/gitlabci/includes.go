package gitlabci

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

var (
	fullSHA      = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)
	shaInURLPath = regexp.MustCompile(`(^|/)[0-9a-fA-F]{40}(/|$)`)
)

// includeItem builds a ci.include. location names what is included without
// its version, so that moving to a new ref keeps the item's id.
func includeItem(file, typ, location, ref string, pinned bool, line int) extractors.Item {
	return extractors.Item{
		ID:       "ci.include:" + file + "#" + location,
		Kind:     "ci.include",
		Name:     typ + " include " + location + " in " + file,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"type":     typ,
			"location": location,
			"ref":      ref,
			"remote":   typ == "remote",
			"pinned":   pinned,
		},
		Location: extractors.Location{Path: file, Line: max(line, 1)},
	}
}

// remoteInclude describes a configuration fetched by URL on every pipeline.
// Only a commit SHA in its path pins what it serves. User information and
// the query are kept out of the location, as links carry tokens there.
func remoteInclude(file, raw string, line int) extractors.Item {
	location, _, _ := strings.Cut(redact.Text(strings.TrimSpace(raw)), "#")
	location, _, _ = strings.Cut(location, "?")
	return includeItem(file, "remote", location, "", shaInURLPath.MatchString(location), line)
}

// projectIncludes describes files included from another project, one item
// per file. The ref may be a branch, a tag or a commit; only a commit pins.
func projectIncludes(file string, inc *yaml.Node) []extractors.Item {
	project := strings.Trim(scalar(lookup(inc, "project")), "/ ")
	ref := scalar(lookup(inc, "ref"))
	var out []extractors.Item
	for _, f := range items(lookup(inc, "file")) {
		location := project + ":" + strings.TrimPrefix(scalar(f), "/")
		out = append(out, includeItem(file, "project", location, ref, fullSHA.MatchString(ref), f.Line))
	}
	if len(out) == 0 {
		pinned := fullSHA.MatchString(ref)
		out = append(out, includeItem(file, "project", project+":", ref, pinned, inc.Line))
	}
	return out
}

// templateInclude describes a template that ships with the GitLab instance,
// which changes when the instance is upgraded.
func templateInclude(file, name string, line int) extractors.Item {
	return includeItem(file, "template", strings.TrimSpace(name), "", false, line)
}

// componentInclude describes a CI/CD catalog component, `path@version`.
func componentInclude(file, ref string, line int) extractors.Item {
	location, version, _ := strings.Cut(strings.TrimSpace(ref), "@")
	return includeItem(file, "component", location, version, fullSHA.MatchString(version), line)
}
