package gitlabci

import (
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
)

// keywords are the top-level keys that configure the pipeline rather than
// name a job.
var keywords = map[string]bool{
	"default": true, "include": true, "stages": true, "variables": true, "workflow": true,
	"image": true, "services": true, "cache": true, "before_script": true,
	"after_script": true, "types": true, "spec": true,
}

// maxExtendsDepth is GitLab's limit on chained extends.
const maxExtendsDepth = 11

// job is one job with the bodies it is built from, most specific first:
// its own definitions (the last file loaded wins) then what it extends.
type job struct {
	name   string
	file   string
	line   int
	bodies []*yaml.Node
	cfg    *config
}

func (c *config) jobs() []*job {
	var out []*job
	for _, name := range c.order {
		defs := c.defs[name]
		last := defs[len(defs)-1]
		body := resolve(last.body)
		if keywords[name] || strings.HasPrefix(name, ".") || body == nil ||
			body.Kind != yaml.MappingNode {
			continue
		}
		j := &job{name: name, file: last.file, line: last.key.Line, cfg: c}
		j.bodies = c.chain(name, 0, map[string]bool{})
		out = append(out, j)
	}
	return out
}

// chain lists the bodies a job is built from. Later extends entries win
// over earlier ones, as GitLab merges them.
func (c *config) chain(name string, depth int, seen map[string]bool) []*yaml.Node {
	if depth > maxExtendsDepth || seen[name] {
		return nil
	}
	seen[name] = true
	defs := c.defs[name]
	var bodies, parents []*yaml.Node
	for i := len(defs) - 1; i >= 0; i-- {
		bodies = append(bodies, defs[i].body)
	}
	for _, body := range bodies {
		ext := items(lookup(body, "extends"))
		for i := len(ext) - 1; i >= 0; i-- {
			parents = append(parents, c.chain(scalar(ext[i]), depth+1, seen)...)
		}
	}
	return append(bodies, parents...)
}

// get returns the most specific value of key.
func (j *job) get(key string) *yaml.Node {
	for _, body := range j.bodies {
		if v := lookup(body, key); v != nil {
			return v
		}
	}
	return nil
}

// inherited returns key from the job, else from the default section, else
// from the deprecated global keyword, unless the job opts out with
// inherit: default.
func (j *job) inherited(key string) *yaml.Node {
	if v := j.get(key); v != nil {
		return v
	}
	if !j.inheritsDefault(key) {
		return nil
	}
	if v := lookup(j.cfg.top("default"), key); v != nil {
		return v
	}
	return j.cfg.top(key)
}

func (j *job) inheritsDefault(key string) bool {
	setting := lookup(j.get("inherit"), "default")
	if setting == nil {
		return true
	}
	if setting.Kind == yaml.ScalarNode {
		return setting.Value != "false"
	}
	for _, k := range items(setting) {
		if scalar(k) == key {
			return true
		}
	}
	return false
}

// top returns the last definition of a top-level key.
func (c *config) top(key string) *yaml.Node {
	defs := c.defs[key]
	if len(defs) == 0 {
		return nil
	}
	return resolve(defs[len(defs)-1].body)
}

func (j *job) item() extractors.Item {
	image := imageName(j.inherited("image"))
	return extractors.Item{
		ID:       "ci.job:" + j.file + "#" + j.name,
		Kind:     "ci.job",
		Name:     "job " + j.name + " of " + j.file,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"image":          image,
			"image_pinned":   strings.Contains(image, "@sha256:"),
			"services":       toAny(j.services()),
			"secrets":        toAny(j.secrets()),
			"variables":      toAny(j.variables()),
			"environment":    environmentName(j.get("environment")),
			"protected":      j.conditionsMention("CI_COMMIT_REF_PROTECTED"),
			"merge_requests": j.runsOnMergeRequests(),
		},
		Location: extractors.Location{Path: j.file, Line: max(j.line, 1)},
	}
}

// imageName reads `image: name` or `image: {name: name}`.
func imageName(n *yaml.Node) string {
	if n != nil && n.Kind == yaml.MappingNode {
		return scalar(lookup(n, "name"))
	}
	return scalar(n)
}

func environmentName(n *yaml.Node) string {
	return imageName(n)
}

func (j *job) services() []string {
	var out []string
	for _, s := range items(j.inherited("services")) {
		if name := imageName(s); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// secrets names the job's external secrets (the secrets keyword), merged
// over everything it extends.
func (j *job) secrets() []string {
	var names []string
	for _, body := range j.bodies {
		for _, p := range pairs(lookup(body, "secrets")) {
			names = append(names, p.key.Value)
		}
	}
	return sortedUnique(names)
}

var variableRef = regexp.MustCompile(`\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))`)

// variables names the CI/CD variables the job's scripts read.
func (j *job) variables() []string {
	var names []string
	seen := map[*yaml.Node]bool{}
	for _, key := range []string{"before_script", "script", "after_script"} {
		for _, line := range scalars(j.inherited(key), seen) {
			for _, m := range variableRef.FindAllStringSubmatch(line, -1) {
				names = append(names, m[1]+m[2])
			}
		}
	}
	return sortedUnique(names)
}

// conditionsMention reports whether the job's rules or only/except name s.
func (j *job) conditionsMention(s string) bool {
	seen := map[*yaml.Node]bool{}
	for _, key := range []string{"rules", "only", "except"} {
		for _, text := range scalars(j.get(key), seen) {
			if strings.Contains(text, s) {
				return true
			}
		}
	}
	return false
}

// runsOnMergeRequests reports whether merge requests, which anyone who can
// open one controls, start the job. A job without rules of its own runs in
// merge request pipelines when the workflow creates them.
func (j *job) runsOnMergeRequests() bool {
	if j.conditionsMention("merge_request") || j.conditionsMention("CI_MERGE_REQUEST_") {
		return true
	}
	if j.get("rules") != nil || j.get("only") != nil {
		return false
	}
	seen := map[*yaml.Node]bool{}
	for _, text := range scalars(lookup(j.cfg.top("workflow"), "rules"), seen) {
		if strings.Contains(text, "merge_request_event") {
			return true
		}
	}
	return false
}

func sortedUnique(ss []string) []string {
	slices.Sort(ss)
	ss = slices.Compact(ss)
	if ss == nil {
		return []string{}
	}
	return ss
}

func toAny(ss []string) []any {
	out := make([]any, 0, len(ss))
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}
