package kubernetes

import (
	"slices"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// secret reads a Secret. Only the names of its keys are kept: values never
// leave this function, so they cannot reach the input document, a finding
// or a log. A key counts as inline data when its value is not empty.
func (m *manifest) secret(o object) extractors.Item {
	var keys []string
	inline := false
	for _, field := range []string{"data", "stringData"} {
		for _, p := range yamlnode.Pairs(yamlnode.Get(o.node, field)) {
			keys = append(keys, p.Key.Value)
			value, _ := yamlnode.String(p.Value)
			inline = inline || value != ""
		}
	}
	slices.Sort(keys)

	typ := yamlnode.Text(yamlnode.Get(o.node, "type"))
	if typ == "" {
		typ = "Opaque"
	}
	attrs := common(o)
	attrs["type"] = typ
	attrs["keys"] = anyList(slices.Compact(keys))
	attrs["has_inline_data"] = inline
	return m.item("k8s.secret", o, o.ns()+"/"+o.name, extractors.ExposureInternal, attrs)
}
