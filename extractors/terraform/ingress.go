package terraform

import (
	"strconv"

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

// openRules keeps the sources of a rule that are open to the internet, or
// unknown, with the rule's ports.
func openRules(sources []any, from, to, protocol any) []cloudfacts.Ingress {
	if cloudfacts.AllProtocols(protocol) {
		from, to = 0, 65535
	}
	var out []cloudfacts.Ingress
	for _, src := range sources {
		var cidr any = cloudfacts.UnknownText
		switch cloudfacts.OpenSource(src) {
		case cloudfacts.False:
			continue
		case cloudfacts.True:
			cidr = src
		}
		out = append(out, cloudfacts.Ingress{
			CIDR: cidr, From: from, To: to, Protocol: protocolText(protocol),
		})
	}
	return out
}

func protocolText(v any) any {
	switch p := v.(type) {
	case string:
		if !cloudfacts.Templated(p) {
			return p
		}
	case int:
		return strconv.Itoa(p)
	case nil:
		return "all"
	}
	return cloudfacts.UnknownText
}

// unknownRule stands for rules nobody can see: a dynamic block or an
// argument given by a variable.
func unknownRule() cloudfacts.Ingress {
	u := cloudfacts.UnknownText
	return cloudfacts.Ingress{CIDR: u, From: u, To: u, Protocol: u}
}

// awsRule reads the ingress arguments shared by aws_security_group blocks,
// aws_security_group_rule and aws_vpc_security_group_ingress_rule.
func awsRule(get fields) []cloudfacts.Ingress {
	var sources []any
	for _, name := range []string{"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"} {
		sources = append(sources, asList(get(name))...)
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
	return openRules(sources, from, to, protocol)
}

// recordIngress sets open_ingress and makes the resource public when a rule
// admits the whole internet.
func recordIngress(f *cloudfacts.Facts, rules []cloudfacts.Ingress) {
	list := make([]any, 0, len(rules))
	open := false
	for _, r := range rules {
		list = append(list, r.Value())
		open = open || r.CIDR != cloudfacts.UnknownText
	}
	f.Set(cloudfacts.OpenIngress, list)
	if open {
		f.Public()
	}
}

// nestedRules reads rules written as blocks, as a list of objects, or
// through dynamic blocks. In JSON syntax a list of objects reads as both,
// so the objects are read only when no block is.
func nestedRules(l lifter, typ string, read func(fields) []cloudfacts.Ingress) []cloudfacts.Ingress {
	var rules []cloudfacts.Ingress
	blocks := l.children(typ)
	for _, b := range blocks {
		rules = append(rules, read(b.get)...)
	}
	if len(blocks) == 0 {
		objs, unknown := l.objects(typ)
		for _, obj := range objs {
			rules = append(rules, read(objectFields(obj))...)
		}
		if unknown {
			rules = append(rules, unknownRule())
		}
	}
	for range l.n.dynamics(typ) {
		l.f.Unresolve(typ, `dynamic "`+typ+`"`)
		rules = append(rules, unknownRule())
	}
	return rules
}
