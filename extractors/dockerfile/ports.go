package dockerfile

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// maxExpandedRange is the widest EXPOSE range listed port by port. A wider one
// is a single item: a thousand port items would drown the model.
const maxExpandedRange = 16

// port is one exposed port, or a range or build argument kept as written.
type port struct {
	value    any // int for one port, string for a range or a variable
	protocol string
	line     int
}

func (p port) key() string { return fmt.Sprint(p.value) + "/" + p.protocol }

// ports lists what the final image exposes. An image inherits the exposed
// ports of the stage it is built FROM, so those count too; a port exposed
// twice is located at the line nearest the final stage.
func (b *builder) ports(final *stage) ([]extractors.Item, error) {
	var items []extractors.Item
	var problem error
	seen := map[string]bool{}
	for s := final; s != nil; s = s.parent {
		for _, in := range s.exposes {
			ports, err := parseExpose(in)
			problem = firstError(problem, err)
			for _, p := range ports {
				if !seen[p.key()] {
					seen[p.key()] = true
					items = append(items, b.port(p))
				}
			}
		}
	}
	return items, problem
}

func (b *builder) port(p port) extractors.Item {
	return extractors.Item{
		ID:         "container.port:" + b.path + "#" + p.key(),
		Kind:       "container.port",
		Name:       "port " + p.key() + " of " + b.path,
		Exposure:   extractors.ExposureUnknown,
		Attributes: map[string]any{"port": p.value, "protocol": p.protocol},
		Location:   b.location(p.line),
	}
}

// parseExpose reads `EXPOSE 80 443/tcp 53/udp 8000-8002`. A bad argument is
// reported and skipped; the others are kept.
func parseExpose(in instruction) ([]port, error) {
	var ports []port
	var problem error
	for _, arg := range in.args {
		found, err := parsePortSpec(arg, in.line)
		if err != nil {
			problem = firstError(problem, extractors.AtLine(in.line, err))
			continue
		}
		ports = append(ports, found...)
	}
	return ports, problem
}

func parsePortSpec(arg string, line int) ([]port, error) {
	spec, proto, _ := strings.Cut(arg, "/")
	proto = strings.ToLower(proto)
	if proto == "" {
		proto = "tcp"
	}
	if !strings.Contains(proto, "$") && proto != "tcp" && proto != "udp" && proto != "sctp" {
		return nil, fmt.Errorf("EXPOSE %s: unknown protocol %q", arg, proto)
	}
	if strings.Contains(spec, "$") {
		return []port{{value: spec, protocol: proto, line: line}}, nil
	}

	first, last, err := parseRange(spec)
	if err != nil {
		return nil, fmt.Errorf("EXPOSE %s: %w", arg, err)
	}
	if last-first >= maxExpandedRange {
		wide := fmt.Sprintf("%d-%d", first, last)
		return []port{{value: wide, protocol: proto, line: line}}, nil
	}
	ports := make([]port, 0, last-first+1)
	for n := first; n <= last; n++ {
		ports = append(ports, port{value: n, protocol: proto, line: line})
	}
	return ports, nil
}

// parseRange reads "8080" or "8000-8002".
func parseRange(spec string) (first, last int, err error) {
	lo, hi, isRange := strings.Cut(spec, "-")
	if first, err = parsePort(lo); err != nil {
		return 0, 0, err
	}
	if !isRange {
		return first, first, nil
	}
	if last, err = parsePort(hi); err != nil {
		return 0, 0, err
	}
	if last < first {
		return 0, 0, fmt.Errorf("range %s ends before it starts", spec)
	}
	return first, last, nil
}

func parsePort(s string) (int, error) {
	n, err := strconv.ParseUint(s, 10, 16)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("invalid port %q", s)
	}
	return int(n), nil
}
