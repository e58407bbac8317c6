package terraform

import (
	"path"
	"regexp"

	"github.com/hashicorp/hcl/v2"

	"github.com/tms-dev/tms/extractors"
)

// requirement is one entry of required_providers.
type requirement struct {
	source, version string
	line            int
}

// requirements reads required_providers, where each entry is an object
// (source and version) or, in old configurations, a bare version string.
func (r reader) requirements(terraform node, into map[string]requirement) {
	for _, block := range terraform.blocks("required_providers") {
		attrs, _ := block.body.JustAttributes()
		for name, a := range attrs {
			req := requirement{line: a.Range.Start.Line}
			switch v := r.ev.value(a.Expr).(type) {
			case string:
				req.version = v
			case map[string]any:
				req.source, _ = v["source"].(string)
				req.version, _ = v["version"].(string)
			}
			into[name] = req
		}
	}
}

// providers lists each configured provider and each required one. A
// provider block and a requirement of the same file describe one item; a
// requirement declared in another file of the module is its own item there.
func (r reader) providers(blocks []*hcl.Block, required map[string]requirement) []extractors.Item {
	// Most files declare no provider; they need not read the lock file.
	if len(blocks) == 0 && len(required) == 0 {
		return nil
	}

	locked := lockedProviders(r.repo, path.Dir(r.path))
	var items []extractors.Item
	configured := map[string]bool{}
	for _, b := range blocks {
		n := node{body: b.Body, line: b.DefRange.Start.Line}
		name := b.Labels[0]
		l := lifter{ev: r.ev, n: n}
		alias, _ := l.get("alias").(string)
		req := required[name]
		if v, ok := l.get("version").(string); ok && req.version == "" {
			req.version = v
		}
		configured[name] = true
		items = append(items, r.provider(name, alias, req, locked, n.line))
	}
	for name, req := range required {
		if !configured[name] {
			items = append(items, r.provider(name, "", req, locked, req.line))
		}
	}
	return items
}

func (r reader) provider(name, alias string, req requirement, locked map[string]bool, line int) extractors.Item {
	id := name
	if alias != "" {
		id += "." + alias
	}
	return extractors.Item{
		ID:       "terraform.provider:" + r.path + "#" + id,
		Kind:     "terraform.provider",
		Name:     "provider " + id,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"name": name, "alias": alias, "source": req.source,
			"version": req.version, "pinned": exactVersion.MatchString(req.version),
			"locked": lockedBy(locked, name, req.source),
		},
		Location: r.location(line),
	}
}

// exactVersion is a constraint that admits one version only: "1.2.3" or
// "= 1.2.3", with an optional pre-release.
var exactVersion = regexp.MustCompile(`^\s*=?\s*v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\s*$`)
