package terraform

import (
	"github.com/tms-dev/tms/extractors/cloudfacts"
)

// fields reads one rule's arguments, whether it is a block or an object.
type fields func(name string) any

func objectFields(obj map[string]any) fields {
	return func(name string) any { return obj[name] }
}

func asList(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}

// awsRule reads the ingress arguments shared by aws_security_group blocks,
// aws_security_group_rule and aws_vpc_security_group_ingress_rule.
func awsRule(get fields) []cloudfacts.Ingress {
	var sources []any
	for _, name := range []string{"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"} {
		sources = append(sources, asList(get(name))...)
	}
	for i, src := range sources {
		// JSON syntax leaves a reference in a list as "${...}".
		if s, isText := src.(string); isText && cloudfacts.Templated(s) {
			sources[i] = interpolation(s)
		}
	}
	protocol := get("protocol")
	if protocol == nil {
		protocol = get("ip_protocol")
	}
	from := cloudfacts.Port(get("from_port"))
	to := cloudfacts.Port(get("to_port"))
	if get("from_port") == nil && get("to_port") == nil {
		from, to = 0, 65535
	}
	return cloudfacts.OpenRules(sources, from, to, protocol)
}

// ruleReader reads the rules of one block or object.
type ruleReader func(fields) []cloudfacts.Ingress

// nestedRules reads rules written as blocks, as a list of objects, or
// through dynamic blocks. In JSON syntax a list of objects reads as both,
// so the objects are read only when no block is.
func nestedRules(l lifter, typ string, read ruleReader) []cloudfacts.Ingress {
	var rules []cloudfacts.Ingress
	blocks := l.children(typ)
	for _, b := range blocks {
		rules = append(rules, cloudfacts.AtLine(read(b.get), b.n.line)...)
	}
	if len(blocks) == 0 {
		// The objects of a list carry no lines of their own.
		objs, unknown := l.objects(typ)
		for _, obj := range objs {
			rules = append(rules, read(objectFields(obj))...)
		}
		if unknown {
			rules = append(rules, cloudfacts.UnknownRule())
		}
		rules = cloudfacts.AtLine(rules, l.line(typ))
	}
	for _, d := range l.n.dynamics(typ) {
		l.f.Unresolve(typ, `dynamic "`+typ+`"`)
		rules = append(rules, cloudfacts.AtLine([]cloudfacts.Ingress{cloudfacts.UnknownRule()}, d.line)...)
	}
	return rules
}
