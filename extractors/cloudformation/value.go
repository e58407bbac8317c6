package cloudformation

import (
	"strings"

	"gopkg.in/yaml.v3"

	cf "github.com/tms-dev/tms/extractors/cloudfacts"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// maxDepth bounds how deep a value is converted, so that a crafted file
// cannot make conversion recurse without end.
const maxDepth = 64

// converter turns template values into plain data. Intrinsic functions, in
// short (!Ref) or long ({"Ref": ...}) form, become cloudfacts.Opaque; a
// reference to a resource of the template is marked as one, since its value
// is that resource's concrete name or ARN, never a wildcard.
type converter struct {
	resources map[string]bool
}

func (c converter) value(n *yaml.Node, depth int) any {
	n = yamlnode.Resolve(n)
	if n == nil || depth > maxDepth {
		return nil
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return c.intrinsic(strings.TrimPrefix(n.Tag, "!"), n, depth)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return yamlnode.Scalar(n)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, e := range yamlnode.Items(n) {
			list = append(list, c.value(e, depth+1))
		}
		return list
	case yaml.MappingNode:
		pairs := yamlnode.Pairs(n)
		if len(pairs) == 1 && isIntrinsic(pairs[0].Key.Value) {
			name := strings.TrimPrefix(pairs[0].Key.Value, "Fn::")
			return c.intrinsic(name, pairs[0].Value, depth)
		}
		obj := make(map[string]any, len(pairs))
		for _, p := range pairs {
			obj[p.Key.Value] = c.value(p.Value, depth+1)
		}
		return obj
	}
	return nil
}

func isIntrinsic(key string) bool {
	return key == "Ref" || key == "Condition" || strings.HasPrefix(key, "Fn::")
}

// intrinsic keeps a function's text. !Sub keeps its template string, which
// policy reading treats as partly known, as it does Terraform templates.
func (c converter) intrinsic(name string, arg *yaml.Node, depth int) any {
	arg = yamlnode.Resolve(arg)
	switch name {
	case "Sub":
		if s, ok := yamlnode.String(arg); ok {
			return s
		}
		if items := yamlnode.Items(arg); len(items) > 0 {
			if s, ok := yamlnode.String(items[0]); ok {
				return s
			}
		}
	case "Ref", "GetAtt":
		target := targetOf(arg)
		return cf.Opaque{Text: "!" + name + " " + target, Reference: c.resources[target]}
	}
	return cf.Opaque{Text: "!" + name + " " + summary(arg, depth)}
}

// targetOf is the logical id a Ref or GetAtt names: "Bucket" in !Ref Bucket,
// !GetAtt Bucket.Arn and [Bucket, Arn].
func targetOf(arg *yaml.Node) string {
	if s, ok := yamlnode.String(arg); ok {
		id, _, _ := strings.Cut(s, ".")
		return id
	}
	if items := yamlnode.Items(arg); len(items) > 0 {
		return yamlnode.Text(items[0])
	}
	return ""
}

// summary is a short text for an intrinsic's argument.
func summary(n *yaml.Node, depth int) string {
	if s, ok := yamlnode.String(n); ok {
		return s
	}
	if n != nil && depth < maxDepth {
		var parts []string
		for _, e := range yamlnode.Items(n) {
			parts = append(parts, summary(e, depth+1))
		}
		if len(parts) > 0 {
			return "[" + strings.Join(parts, ", ") + "]"
		}
	}
	return "..."
}
