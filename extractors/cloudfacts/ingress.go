package cloudfacts

import (
	"strconv"
	"strings"
)

// Ingress is one rule that admits traffic from a source range that is open
// to the internet, or that cannot be known.
type Ingress struct {
	CIDR     any // the source range, or "unknown"
	From, To any // port numbers, or "unknown"
	Protocol any // as written, or "unknown"
}

// Value is the attribute form of the rule.
func (r Ingress) Value() map[string]any {
	return map[string]any{
		"cidr": r.CIDR, "from_port": r.From, "to_port": r.To, "protocol": r.Protocol,
	}
}

// openSources are the source ranges and service tags meaning "anyone".
var openSources = map[string]bool{
	"0.0.0.0/0": true, "::/0": true, "0.0.0.0": true, "*": true,
	"internet": true, "any": true,
}

// OpenSource tells whether a literal source range admits the whole internet.
func OpenSource(v any) Tri {
	s, ok := v.(string)
	if !ok || Templated(s) {
		return Unknown
	}
	return Of(openSources[strings.ToLower(strings.TrimSpace(s))])
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
