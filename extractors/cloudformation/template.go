package cloudformation

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	cf "github.com/tms-dev/tms/extractors/cloudfacts"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// tmpl is the Resources section of one template.
type tmpl struct {
	path  string
	pairs []yamlnode.Pair
	conv  converter
}

func newTemplate(p string, resources *yaml.Node) tmpl {
	pairs := yamlnode.Pairs(resources)
	types := make(map[string]string, len(pairs))
	for _, pair := range pairs {
		types[pair.Key.Value] = yamlnode.Text(yamlnode.Get(pair.Value, "Type"))
	}
	return tmpl{path: p, pairs: pairs, conv: converter{types: types}}
}

func (t tmpl) hasAWSTypes() bool {
	for _, p := range t.pairs {
		if strings.HasPrefix(yamlnode.Text(yamlnode.Get(p.Value, "Type")), "AWS::") {
			return true
		}
	}
	return false
}

// items lists each resource. One without a Type is reported and left out:
// CloudFormation would reject the template.
func (t tmpl) items(probs *yamlnode.Problems) []extractors.Item {
	var items []extractors.Item
	for _, p := range t.pairs {
		id := p.Key.Value
		typ, ok := yamlnode.String(yamlnode.Get(p.Value, "Type"))
		if !ok || p.Value.Kind != yaml.MappingNode {
			probs.Add(p.Key.Line, fmt.Errorf("resource %s has no Type", id))
			continue
		}
		items = append(items, t.resource(id, typ, p))
	}
	return items
}

func (t tmpl) resource(id, typ string, p yamlnode.Pair) extractors.Item {
	attrs := map[string]any{"type": typ, "logical_id": id}
	if cond, ok := yamlnode.String(yamlnode.Get(p.Value, "Condition")); ok {
		attrs["condition"] = cond
	}
	f := cf.NewFacts(attrs)
	properties, _ := t.conv.value(yamlnode.Get(p.Value, "Properties"), 0).(map[string]any)
	if lift, ok := lifts[typ]; ok {
		lift(props{m: properties, f: f})
	}
	return extractors.Item{
		ID:         "cloudformation.resource:" + t.path + "#" + id,
		Kind:       "cloudformation.resource",
		Name:       id,
		Exposure:   f.Exposure(),
		Attributes: f.Attributes(),
		Location:   extractors.Location{Path: t.path, Line: p.Key.Line},
	}
}
