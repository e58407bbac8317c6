package kubernetes

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

type gatewayKey struct{ namespace, name string }

// listener is one listener of a Gateway: where a route's TLS is decided.
type listener struct {
	name     string
	hostname string // "" listens for every host
	tls      bool
}

func listenersOf(o object) []listener {
	var out []listener
	for _, l := range yamlnode.Items(yamlnode.Path(o.node, "spec", "listeners")) {
		protocol := strings.ToUpper(yamlnode.Text(yamlnode.Get(l, "protocol")))
		out = append(out, listener{
			name:     yamlnode.Text(yamlnode.Get(l, "name")),
			hostname: yamlnode.Text(yamlnode.Get(l, "hostname")),
			tls:      protocol == "HTTPS" || protocol == "TLS",
		})
	}
	return out
}

// parentRef is a Gateway (and optionally one of its listeners) a route
// attaches to.
type parentRef struct {
	gateway gatewayKey
	section string
}

// route reads a Gateway API HTTPRoute, GRPCRoute or TLSRoute: public, like
// the Gateway that exposes it. A TLSRoute is TLS by definition; for the
// others TLS is a property of the Gateway listener, so a host counts as
// served over TLS only when a Gateway in the same file, among the route's
// parents, has an HTTPS or TLS listener for it. tms cannot see a Gateway
// defined elsewhere and says false rather than guess.
func (m *manifest) route(o object) extractors.Item {
	spec := yamlnode.Get(o.node, "spec")
	var r route
	for _, h := range yamlnode.Items(yamlnode.Get(spec, "hostnames")) {
		if name, ok := yamlnode.String(h); ok {
			r.addHost(name, h.Line)
		}
	}
	if len(r.hosts) == 0 {
		r.addHost("", 0)
	}
	for _, rule := range yamlnode.Items(yamlnode.Get(spec, "rules")) {
		for _, match := range yamlnode.Items(yamlnode.Get(rule, "matches")) {
			if p := matchPath(match); p != "" {
				r.paths = append(r.paths, p)
			}
		}
		for _, ref := range yamlnode.Items(yamlnode.Get(rule, "backendRefs")) {
			r.addBackend(yamlnode.Text(yamlnode.Get(ref, "name")))
		}
	}

	parents := parentRefs(o, spec)
	attrs := r.attrs(o, func(host string) bool {
		return o.kind == "TLSRoute" || m.gatewayServesTLS(parents, host)
	})
	var names []string
	for _, p := range parents {
		names = append(names, p.gateway.namespace+"/"+p.gateway.name)
	}
	attrs["gateways"] = anyList(names)
	what := o.ns() + "/" + o.kind + "/" + o.name
	return m.item("k8s.ingress", o, what, extractors.ExposurePublic, attrs)
}

// matchPath names what a match selects: a path for HTTP, a service and
// method for gRPC.
func matchPath(match *yaml.Node) string {
	if p := yamlnode.Text(yamlnode.Path(match, "path", "value")); p != "" {
		return p
	}
	method := yamlnode.Get(match, "method")
	service := yamlnode.Text(yamlnode.Get(method, "service"))
	name := yamlnode.Text(yamlnode.Get(method, "method"))
	if service == "" && name == "" {
		return ""
	}
	return service + "/" + name
}

func parentRefs(o object, spec *yaml.Node) []parentRef {
	var out []parentRef
	for _, ref := range yamlnode.Items(yamlnode.Get(spec, "parentRefs")) {
		if kind := yamlnode.Text(yamlnode.Get(ref, "kind")); kind != "" && kind != "Gateway" {
			continue
		}
		ns := yamlnode.Text(yamlnode.Get(ref, "namespace"))
		if ns == "" {
			ns = o.ns()
		}
		out = append(out, parentRef{
			gateway: gatewayKey{ns, yamlnode.Text(yamlnode.Get(ref, "name"))},
			section: yamlnode.Text(yamlnode.Get(ref, "sectionName")),
		})
	}
	return out
}

func (m *manifest) gatewayServesTLS(parents []parentRef, host string) bool {
	for _, p := range parents {
		for _, l := range m.gateways[p.gateway] {
			if !l.tls || p.section != "" && p.section != l.name {
				continue
			}
			if l.hostname == "" || host != anyHost && hostMatchesAny(host, []string{l.hostname}) {
				return true
			}
		}
	}
	return false
}
