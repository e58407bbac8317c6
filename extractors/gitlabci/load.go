package gitlabci

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// maxFiles is GitLab's own limit on the files one pipeline may include.
const maxFiles = 150

// definition is one top-level key of one configuration file.
type definition struct {
	file string
	key  *yaml.Node
	body *yaml.Node
}

// config is a pipeline's configuration: every file it loads, in the order
// GitLab merges them (included files first, the including file last).
type config struct {
	root     string
	repo     extractors.Repo
	loaded   map[string]bool
	defs     map[string][]definition // by top-level key, in merge order
	order    []string                // top-level keys in order of first definition
	includes []extractors.Item
	problem  error
}

func newConfig(root string, repo extractors.Repo) *config {
	return &config{root: root, repo: repo, loaded: map[string]bool{}, defs: map[string][]definition{}}
}

// load reads one file and, before its own keys, the local files it includes.
// A problem with an included file is reported at the include's line in the
// root file, since that is the file the diagnostic belongs to.
func (c *config) load(file string, doc *yaml.Node, includeLine int) {
	c.loaded[file] = true
	for _, inc := range items(lookup(doc, "include")) {
		c.include(file, inc, includeLine)
	}

	for _, p := range pairs(doc) {
		name := p.key.Value
		if _, seen := c.defs[name]; !seen {
			c.order = append(c.order, name)
		}
		c.defs[name] = append(c.defs[name], definition{file: file, key: p.key, body: p.value})
	}
}

// include handles one include entry: a local file is loaded, anything else
// becomes a ci.include item.
func (c *config) include(file string, inc *yaml.Node, includeLine int) {
	line := inc.Line
	if file == c.root {
		includeLine = line
	}

	if inc.Kind == yaml.ScalarNode {
		if isURL(inc.Value) {
			c.includes = append(c.includes, remoteInclude(file, inc.Value, line))
			return
		}
		c.loadLocal(inc.Value, includeLine)
		return
	}

	switch {
	case lookup(inc, "local") != nil:
		c.loadLocal(scalar(lookup(inc, "local")), includeLine)
	case lookup(inc, "remote") != nil:
		c.includes = append(c.includes, remoteInclude(file, scalar(lookup(inc, "remote")), line))
	case lookup(inc, "project") != nil:
		c.includes = append(c.includes, projectIncludes(file, inc)...)
	case lookup(inc, "template") != nil:
		c.includes = append(c.includes, templateInclude(file, scalar(lookup(inc, "template")), line))
	case lookup(inc, "component") != nil:
		c.includes = append(c.includes, componentInclude(file, scalar(lookup(inc, "component")), line))
	default:
		c.report(includeLine, errors.New("include entry of unknown form"))
	}
}

// loadLocal reads an included file of the repository. GitLab resolves local
// paths from the repository root. Wildcards would need the file list, which
// an extractor does not have, so they are reported rather than guessed.
func (c *config) loadLocal(p string, includeLine int) {
	p = path.Clean(strings.TrimPrefix(strings.TrimSpace(p), "/"))
	switch {
	case c.loaded[p]:
		return
	case strings.Contains(p, "*"):
		c.report(includeLine, fmt.Errorf("include %s: wildcard includes are not read", p))
		return
	case len(c.loaded) >= maxFiles:
		c.report(includeLine, fmt.Errorf("include %s: more than %d files included", p, maxFiles))
		return
	}

	content, err := c.repo.ReadFile(p)
	if err != nil {
		c.loaded[p] = true
		c.report(includeLine, fmt.Errorf("include %s: %w", p, err))
		return
	}
	doc, err := decodeAll(content)
	if err != nil {
		c.loaded[p] = true
		c.report(includeLine, fmt.Errorf("include %s: %w", p, err))
		return
	}
	c.load(p, doc, includeLine)
}

func (c *config) report(line int, err error) {
	if c.problem == nil {
		c.problem = extractors.AtLine(max(line, 1), err)
	}
}

func isURL(s string) bool {
	lower := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlError keeps the line yaml.v3 names in its message.
func yamlError(err error, lines int) error {
	line := 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line = n
		}
	}
	return extractors.AtLine(min(max(line, 1), lines), fmt.Errorf("parse gitlab ci: %w", err))
}
