package compose

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// randomPort names, in an id, a published port Docker picks at run time.
const randomPort = "random"

// port is one port a service publishes on the host.
type port struct {
	hostIP    string
	published string // "" when Docker picks a free port
	target    string
	protocol  string
	line      int
}

// exposure follows the interface the port binds: every interface is public,
// loopback is internal, and a variable or a particular address (which may
// be public or private) is unknown.
func (p port) exposure() extractors.Exposure {
	ip := strings.Trim(p.hostIP, "[]")
	switch {
	case ip == "" || ip == "0.0.0.0" || ip == "::":
		return extractors.ExposurePublic
	case strings.HasPrefix(ip, "127.") || ip == "::1" || ip == "localhost":
		return extractors.ExposureInternal
	}
	return extractors.ExposureUnknown
}

func (p port) item(file, service string) extractors.Item {
	published := p.published
	if published == "" {
		published = randomPort
	}
	what := service + "/" + published + ":" + p.target + "/" + p.protocol
	return extractors.Item{
		ID:       "compose.port:" + file + "#" + what,
		Kind:     "compose.port",
		Name:     what,
		Exposure: p.exposure(),
		Attributes: map[string]any{
			"service":   service,
			"host_ip":   p.hostIP,
			"published": p.published,
			"target":    p.target,
			"protocol":  p.protocol,
		},
		Location: extractors.Location{Path: file, Line: p.line},
	}
}

// publishedPorts reads the ports list in its short ("8080:80/udp") and
// long ({target, published, host_ip, protocol}) forms.
func publishedPorts(svc *yaml.Node) []port {
	var out []port
	for _, entry := range yamlnode.Items(yamlnode.Get(svc, "ports")) {
		var p port
		if s, ok := yamlnode.String(entry); ok {
			p = shortPort(s)
		} else {
			p = port{
				hostIP:    yamlnode.Text(yamlnode.Get(entry, "host_ip")),
				published: yamlnode.Text(yamlnode.Get(entry, "published")),
				target:    yamlnode.Text(yamlnode.Get(entry, "target")),
				protocol:  yamlnode.Text(yamlnode.Get(entry, "protocol")),
			}
		}
		if p.target == "" {
			continue
		}
		if p.protocol == "" {
			p.protocol = "tcp"
		}
		p.line = entry.Line
		out = append(out, p)
	}
	return out
}

// shortPort parses [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]. An IPv6 host
// address is bracketed; an unbracketed one is whatever precedes the last
// two fields.
func shortPort(s string) port {
	s = strings.TrimSpace(s)
	var p port
	s, p.protocol, _ = strings.Cut(s, "/")
	if strings.HasPrefix(s, "[") {
		if end := strings.Index(s, "]:"); end > 0 {
			p.hostIP, s = s[:end+1], s[end+2:]
		}
	}

	fields := splitOutsideVariables(s)
	n := len(fields)
	p.target = fields[n-1]
	if n >= 2 {
		p.published = fields[n-2]
	}
	if n >= 3 {
		p.hostIP = strings.Join(fields[:n-2], ":")
	}
	return p
}

// splitOutsideVariables splits at the colons that are not inside a ${...}
// variable, whose default value ("${PORT:-8080}") has one of its own.
func splitOutsideVariables(s string) []string {
	var fields []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			fields = append(fields, s[start:i])
			start = i + 1
		}
	}
	return append(fields, s[start:])
}
