package cloudfacts

import (
	"net/netip"
	"strconv"
	"strings"
)

// Ingress is one rule that admits traffic from a source range that is open
// to the internet, or that cannot be known.
type Ingress struct {
	CIDR     any // the source range, or "unknown"
	From, To any // port numbers, or "unknown"
	Protocol any // as written, or "unknown"
	Line     int // where the rule is written; 0 when not known
}

// Value is the attribute form of the rule.
func (r Ingress) Value() map[string]any {
	return map[string]any{
		"cidr": r.CIDR, "from_port": r.From, "to_port": r.To, "protocol": r.Protocol,
	}
}

// openSources are the sources meaning "anyone" that are not a range of 0
// bits: Azure's service tags and wildcards, and the address 0.0.0.0, which
// Azure and GCP read as any address.
var openSources = map[string]bool{"0.0.0.0": true, "*": true, "internet": true, "any": true}

// OpenSource tells whether a literal source range admits the whole internet.
// A network's own range is known not to.
func OpenSource(v any) Tri {
	if op, isOpaque := v.(Opaque); isOpaque && op.NetworkRange {
		return False
	}
	s, ok := v.(string)
	if !ok || Templated(s) {
		return Unknown
	}
	s = strings.ToLower(strings.TrimSpace(s))
	return Of(openSources[s] || anyAddress(s))
}

// anyAddress reports whether a range has a prefix of 0 bits, however its
// address is spelled: 0.0.0.0/0, ::/0, 0000::/0 or 0.0.0.0/00.
func anyAddress(s string) bool {
	addr, bits, found := strings.Cut(s, "/")
	if !found || bits == "" || strings.Trim(bits, "0") != "" {
		return false
	}
	prefix, err := netip.ParsePrefix(addr + "/0")
	return err == nil && prefix.Bits() == 0
}

// AllProtocols tells whether a protocol value admits every protocol and so
// every port, whatever ports are written beside it.
func AllProtocols(v any) bool {
	s, ok := v.(string)
	if !ok {
		if n, isNum := v.(int); isNum {
			return n == -1
		}
		return false
	}
	switch strings.ToLower(s) {
	case "-1", "all", "*":
		return true
	}
	return false
}

// Port returns a literal port as an int, "unknown" otherwise.
func Port(v any) any {
	switch p := v.(type) {
	case int:
		return p
	case float64:
		if p == float64(int(p)) {
			return int(p)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			return n
		}
	}
	return UnknownText
}

// PortRange reads "22", "8000-8080" or "*" into a from and to port.
func PortRange(v any) (any, any) {
	s, ok := v.(string)
	if !ok {
		p := Port(v)
		return p, p
	}
	s = strings.TrimSpace(s)
	if s == "*" {
		return 0, 65535
	}
	if lo, hi, found := strings.Cut(s, "-"); found {
		return Port(lo), Port(hi)
	}
	p := Port(s)
	return p, p
}

// OpenRules keeps the sources of a rule that are open to the internet, or
// unknown, with the rule's ports.
func OpenRules(sources []any, from, to, protocol any) []Ingress {
	if AllProtocols(protocol) {
		from, to = 0, 65535
	}
	var out []Ingress
	for _, src := range sources {
		var cidr any = UnknownText
		switch OpenSource(src) {
		case False:
			continue
		case True:
			cidr = src
		}
		out = append(out, Ingress{
			CIDR: cidr, From: from, To: to, Protocol: protocolText(protocol),
		})
	}
	return out
}

func protocolText(v any) any {
	switch p := v.(type) {
	case string:
		if !Templated(p) {
			return p
		}
	case int:
		return strconv.Itoa(p)
	case nil:
		return "all"
	}
	return UnknownText
}

// UnknownRule stands for rules nobody can see: a dynamic block or an
// argument given by a variable.
func UnknownRule() Ingress {
	u := UnknownText
	return Ingress{CIDR: u, From: u, To: u, Protocol: u}
}

// RecordIngress sets open_ingress, with its line, and makes the resource
// public when a rule admits the whole internet.
func (f *Facts) RecordIngress(rules []Ingress) {
	list := make([]any, 0, len(rules))
	open := false
	for _, r := range rules {
		list = append(list, r.Value())
		open = open || r.CIDR != UnknownText
	}
	f.Set(OpenIngress, list)
	if open {
		f.Public()
	}
	if line := ingressLine(rules); line > 0 {
		f.lines[OpenIngress] = line
	}
}

// ingressLine is where a finding about the rules belongs: the first rule
// open to the internet, or the first whose source is unknown when none is.
func ingressLine(rules []Ingress) int {
	unknown := 0
	for _, r := range rules {
		if r.CIDR != UnknownText && r.Line > 0 {
			return r.Line
		}
		if unknown == 0 {
			unknown = r.Line
		}
	}
	return unknown
}

// AtLine gives the rules without a line the line given.
func AtLine(rules []Ingress, line int) []Ingress {
	for i := range rules {
		if rules[i].Line == 0 {
			rules[i].Line = line
		}
	}
	return rules
}
