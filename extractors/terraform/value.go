package terraform

import (
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tms-dev/tms/extractors/cloudfacts"
)

// evaluator turns expressions into plain values, keeping whatever is not
// literal as cloudfacts.Opaque with its source text.
// In policies, templates keeps strings with interpolations as text with
// placeholders, since "${aws_s3_bucket.b.arn}/*" is still readable there.
type evaluator struct {
	src       []byte
	templates bool
}

func (ev evaluator) text(expr hcl.Expression) string {
	rng := expr.Range()
	if rng.Start.Byte < 0 || rng.End.Byte > len(ev.src) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	return strings.TrimSpace(string(rng.SliceBytes(ev.src)))
}

func (ev evaluator) opaque(expr hcl.Expression) cloudfacts.Opaque {
	return cloudfacts.Opaque{Text: ev.text(expr)}
}

// value evaluates literals, lists and objects of literals, and the argument
// of jsonencode, which is how policies are commonly written inline.
func (ev evaluator) value(expr hcl.Expression) any {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return fromCty(e.Val)
	case *hclsyntax.TemplateExpr:
		if e.IsStringLiteral() {
			v, _ := e.Value(nil)
			return fromCty(v)
		}
		if ev.templates {
			return ev.template(e)
		}
	case *hclsyntax.TupleConsExpr:
		list := make([]any, len(e.Exprs))
		for i, x := range e.Exprs {
			list[i] = ev.value(x)
		}
		return list
	case *hclsyntax.ObjectConsExpr:
		return ev.object(e)
	case *hclsyntax.ParenthesesExpr:
		return ev.value(e.Expression)
	case *hclsyntax.UnaryOpExpr:
		if n, ok := ev.value(e.Val).(int); ok && e.Op == hclsyntax.OpNegate {
			return -n
		}
	case *hclsyntax.TemplateWrapExpr:
		return ev.value(e.Wrapped)
	case *hclsyntax.ScopeTraversalExpr, *hclsyntax.RelativeTraversalExpr, *hclsyntax.IndexExpr,
		*hclsyntax.SplatExpr:
		return reference(ev.text(expr))
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "jsonencode" && len(e.Args) == 1 && !e.ExpandFinal {
			return ev.value(e.Args[0])
		}
	case hclsyntax.Expression:
	default:
		return ev.jsonValue(expr)
	}
	return ev.opaque(expr)
}

func (ev evaluator) object(e *hclsyntax.ObjectConsExpr) any {
	obj := make(map[string]any, len(e.Items))
	for _, item := range e.Items {
		key := hcl.ExprAsKeyword(item.KeyExpr)
		if key == "" {
			k, ok := ev.value(unwrapKey(item.KeyExpr)).(string)
			if !ok {
				return ev.opaque(e)
			}
			key = k
		}
		obj[key] = ev.value(item.ValueExpr)
	}
	return obj
}

func unwrapKey(expr hclsyntax.Expression) hclsyntax.Expression {
	if k, ok := expr.(*hclsyntax.ObjectConsKeyExpr); ok {
		return k.Wrapped
	}
	return expr
}

// template reads a string template, replacing each interpolation with
// cloudfacts.Placeholder, so that a heredoc policy naming a bucket's ARN can
// still be read for its principals.
func (ev evaluator) template(expr hcl.Expression) any {
	if _, native := expr.(hclsyntax.Expression); !native {
		v, diags := expr.Value(nil)
		if !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			return v.AsString()
		}
	}
	e, ok := expr.(*hclsyntax.TemplateExpr)
	if !ok || e.IsStringLiteral() {
		return ev.value(expr)
	}
	var b strings.Builder
	for _, part := range e.Parts {
		switch v := ev.value(part).(type) {
		case string:
			b.WriteString(v)
		case cloudfacts.Opaque:
			if v.Reference {
				b.WriteString("${" + v.Text + "}")
			} else {
				b.WriteString(cloudfacts.Placeholder)
			}
		default:
			b.WriteString(cloudfacts.Placeholder)
		}
	}
	return b.String()
}

// jsonValue reads an expression of JSON syntax. Without an evaluation
// context hcl/v2/json returns strings verbatim, so an interpolation stays
// visible as "${...}" and is reported opaque.
func (ev evaluator) jsonValue(expr hcl.Expression) any {
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return ev.opaque(expr)
	}
	got := fromCty(v)
	if s, ok := got.(string); ok && cloudfacts.Templated(s) {
		return interpolation(s)
	}
	return got
}

// interpolation reads a string of JSON syntax that holds "${...}" as the
// expression inside, keeping the string as the text.
func interpolation(s string) cloudfacts.Opaque {
	op := reference(strings.TrimSuffix(strings.TrimPrefix(s, "${"), "}"))
	op.Text = s
	return op
}

// reference is a traversal such as aws_s3_bucket.logs.arn, which cannot be
// evaluated but may be known to name another resource or a network range.
func reference(text string) cloudfacts.Opaque {
	return cloudfacts.Opaque{
		Text: text, Reference: cloudfacts.ResourceRef(text), NetworkRange: networkRange(text),
	}
}

// networkTypes are the resources and data sources whose cidr_block and
// ipv6_cidr_block are the address range of a network.
var networkTypes = map[string]bool{
	"aws_vpc": true, "aws_default_vpc": true, "aws_subnet": true, "aws_default_subnet": true,
	"aws_vpc_ipv4_cidr_block_association": true,
}

// networkRange reports whether a traversal is the range of a VPC or subnet,
// such as aws_vpc.main.cidr_block, data.aws_subnet.app[0].cidr_block or
// the ranges of all instances, aws_subnet.private[*].cidr_block.
func networkRange(text string) bool {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "[*]", ""), ".*.", ".")
	parts := strings.Split(withoutIndexes(text), ".")
	if len(parts) == 4 && parts[0] == "data" {
		parts = parts[1:]
	}
	return len(parts) == 3 && networkTypes[parts[0]] &&
		(parts[2] == "cidr_block" || parts[2] == "ipv6_cidr_block")
}

// fromCty converts a known value; anything else is opaque.
func fromCty(v cty.Value) any {
	if v.IsNull() {
		return nil
	}
	if !v.IsWhollyKnown() {
		return cloudfacts.Opaque{}
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		return number(v.AsBigFloat())
	case t.IsTupleType() || t.IsListType() || t.IsSetType():
		var list []any
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			list = append(list, fromCty(e))
		}
		return list
	case t.IsObjectType() || t.IsMapType():
		obj := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			obj[k.AsString()] = fromCty(e)
		}
		return obj
	}
	return cloudfacts.Opaque{}
}

func number(f *big.Float) any {
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact && i >= -1<<31 && i < 1<<31 {
			return int(i)
		}
	}
	x, _ := f.Float64()
	return x
}
