package cloudformation

import (
	"slices"
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
// is that resource's concrete name or ARN, never a wildcard. types maps
// each logical id of the template to its resource type.
type converter struct {
	types map[string]string
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
	case "Ref":
		target, _ := targetOf(arg)
		_, declared := c.types[target]
		return cf.Opaque{Text: "!Ref " + target, Reference: declared}
	case "GetAtt":
		return c.getAtt(arg)
	case "Select":
		// !Select [0, !GetAtt Vpc.Ipv6CidrBlocks] picks one of the ranges.
		if items := yamlnode.Items(arg); len(items) == 2 {
			if op, ok := c.value(items[1], depth+1).(cf.Opaque); ok && op.NetworkRange {
				return cf.Opaque{Text: "!Select [" + summary(items[0], depth) + ", " + op.Text + "]",
					Reference: true, NetworkRange: true}
			}
		}
	}
	return cf.Opaque{Text: "!" + name + " " + summary(arg, depth)}
}

// networkRanges are the attributes that give the address ranges of a VPC
// or subnet, by resource type.
var networkRanges = map[string][]string{
	"AWS::EC2::VPC":    {"CidrBlock", "Ipv6CidrBlocks"},
	"AWS::EC2::Subnet": {"CidrBlock", "Ipv6CidrBlocks"},
}

// getAtt keeps the attribute in the text, !GetAtt Vpc.CidrBlock, so that a
// reader sees which value is meant.
func (c converter) getAtt(arg *yaml.Node) cf.Opaque {
	target, attribute := targetOf(arg)
	typ, declared := c.types[target]
	return cf.Opaque{
		Text:         strings.TrimSuffix("!GetAtt "+target+"."+attribute, "."),
		Reference:    declared,
		NetworkRange: slices.Contains(networkRanges[typ], attribute),
	}
}

// targetOf is the logical id a Ref or GetAtt names and the attribute, if
// any: "Bucket" in !Ref Bucket, and "Bucket" and "Arn" in !GetAtt Bucket.Arn
// and [Bucket, Arn].
func targetOf(arg *yaml.Node) (id, attribute string) {
	if s, ok := yamlnode.String(arg); ok {
		id, attribute, _ = strings.Cut(s, ".")
		return id, attribute
	}
	if items := yamlnode.Items(arg); len(items) > 0 {
		if len(items) > 1 {
			attribute = yamlnode.Text(items[1])
		}
		return yamlnode.Text(items[0]), attribute
	}
	return "", ""
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
