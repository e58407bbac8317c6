package terraform

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/cloudfacts"
	"github.com/tms-dev/tms/extractors/internal/redact"
)

// reader turns the top-level blocks of one file into items.
type reader struct {
	path string
	ev   evaluator
	repo extractors.Repo
}

func (r reader) items(blocks hcl.Blocks) []extractors.Item {
	var items []extractors.Item
	var providers []*hcl.Block
	required := map[string]requirement{}
	for _, b := range blocks {
		n := node{body: b.Body, line: b.DefRange.Start.Line}
		switch b.Type {
		case "resource":
			items = append(items, r.resource(b.Labels[0], b.Labels[1], n))
		case "data":
			items = append(items, r.data(b.Labels[0], b.Labels[1], n))
		case "module":
			items = append(items, r.module(b.Labels[0], n))
		case "provider":
			providers = append(providers, b)
		case "terraform":
			r.requirements(n, required)
		}
	}
	items = append(items, r.providers(providers, required)...)
	slices.SortStableFunc(items, func(a, b extractors.Item) int {
		return strings.Compare(a.ID, b.ID)
	})
	return slices.CompactFunc(items, func(a, b extractors.Item) bool { return a.ID == b.ID })
}

func (r reader) location(line int) extractors.Location {
	return extractors.Location{Path: r.path, Line: line}
}

// providerOf is the local name of the provider a resource type belongs to,
// the part of the type before its first underscore.
func providerOf(typ string) string {
	name, _, _ := strings.Cut(typ, "_")
	return name
}

func (r reader) resource(typ, name string, n node) extractors.Item {
	l := r.lifter(n, typ, name)
	if lift, ok := resourceLift(typ); ok {
		lift(l)
	}
	return extractors.Item{
		ID:         "terraform.resource:" + r.path + "#" + typ + "." + name,
		Kind:       "terraform.resource",
		Name:       typ + "." + name,
		Exposure:   l.f.Exposure(),
		Attributes: l.f.Attributes(),
		Location:   r.location(n.line),
	}
}

func (r reader) data(typ, name string, n node) extractors.Item {
	l := r.lifter(n, typ, name)
	if lift, ok := dataLifts[typ]; ok {
		lift(l)
	}
	return extractors.Item{
		ID:         "terraform.data:" + r.path + "#" + typ + "." + name,
		Kind:       "terraform.data",
		Name:       "data." + typ + "." + name,
		Exposure:   l.f.Exposure(),
		Attributes: l.f.Attributes(),
		Location:   r.location(n.line),
	}
}

func (r reader) lifter(n node, typ, name string) lifter {
	_, hasCount := n.attr("count")
	_, hasForEach := n.attr("for_each")
	f := cloudfacts.NewFacts(map[string]any{
		"type": typ, "name": name, "provider": providerOf(typ),
		"count": hasCount, "for_each": hasForEach,
	})
	return lifter{ev: r.ev, n: n, f: f}
}

func (r reader) module(name string, n node) extractors.Item {
	l := lifter{ev: r.ev, n: n, f: cloudfacts.NewFacts(map[string]any{"name": name})}
	source, _ := l.get("source").(string)
	version, _ := l.get("version").(string)
	src := classifySource(r.path, source, version)
	// A git source may carry a token; it is classified above, then redacted.
	l.f.Set("source", redact.Text(source))
	l.f.Set("version", version)
	l.f.Set("source_type", src.kind)
	l.f.Set("local", src.kind == "local")
	l.f.Set("pinned", src.pinned)
	return extractors.Item{
		ID:         "terraform.module:" + r.path + "#" + name,
		Kind:       "terraform.module",
		Name:       "module." + name,
		Exposure:   extractors.ExposureInternal,
		Attributes: l.f.Attributes(),
		Location:   r.location(n.line),
	}
}
