package kubernetes

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// anyHost stands for a rule that names no host and so answers every one.
const anyHost = "*"

// route collects what an Ingress or a Gateway API route exposes, and the
// line that names each host.
type route struct {
	hosts     []string
	hostLines map[string]int
	paths     []string
	backends  []string
}

func (r *route) addBackend(name string) {
	if name != "" && !slices.Contains(r.backends, name) {
		r.backends = append(r.backends, name)
	}
}

func (r *route) addHost(host string, line int) {
	if host == "" {
		host = anyHost
	}
	if slices.Contains(r.hosts, host) {
		return
	}
	r.hosts = append(r.hosts, host)
	if r.hostLines == nil {
		r.hostLines = map[string]int{}
	}
	r.hostLines[host] = line
}

// attrs records the route; tls says whether a host is served over TLS. The
// route as a whole is on TLS when it serves hosts and every one is: a
// single host in clear text is enough to carry credentials in clear. The
// line of TLS is that of the first host served without it, where a
// finding about clear text belongs.
func (r *route) attrs(o object, tls func(host string) bool) map[string]any {
	attrs := common(o)
	lines := extractors.FactLines{}
	hosts := make([]any, 0, len(r.hosts))
	all := len(r.hosts) > 0
	for _, h := range r.hosts {
		secure := tls(h)
		hosts = append(hosts, map[string]any{"host": h, "tls": secure})
		if !secure {
			all = false
			lines.Note("tls", r.hostLines[h])
		}
	}
	attrs["hosts"] = hosts
	attrs["tls"] = all
	lines.Fill(attrs)
	attrs["paths"] = anyList(r.paths)
	attrs["backends"] = anyList(r.backends)
	return attrs
}

// ingress reads an Ingress of networking.k8s.io/v1 or of the older
// extensions/v1beta1, whose backends name serviceName directly. An Ingress
// is public: it exists to take traffic from outside the cluster, unless an
// annotation asks its controller for an internal load balancer.
func (m *manifest) ingress(o object) extractors.Item {
	spec := yamlnode.Get(o.node, "spec")
	var r route
	for _, key := range []string{"defaultBackend", "backend"} {
		if b := yamlnode.Get(spec, key); b != nil {
			r.addHost("", yamlnode.KeyLine(spec, key))
			r.addBackend(backendName(b))
		}
	}
	for _, rule := range yamlnode.Items(yamlnode.Get(spec, "rules")) {
		r.addHost(yamlnode.Text(yamlnode.Get(rule, "host")), rule.Line)
		for _, p := range yamlnode.Items(yamlnode.Path(rule, "http", "paths")) {
			r.paths = append(r.paths, yamlnode.Text(yamlnode.Get(p, "path")))
			r.addBackend(backendName(yamlnode.Get(p, "backend")))
		}
	}

	tlsHosts, tlsAll := ingressTLS(spec)
	attrs := r.attrs(o, func(host string) bool {
		return tlsAll || host != anyHost && hostMatchesAny(host, tlsHosts)
	})
	attrs["class"] = ingressClass(o, spec)
	exposure := extractors.ExposurePublic
	if marker := internalAnnotation(o, internalIngressMarkers); marker != "" {
		attrs["internal_annotation"] = marker
		exposure = extractors.ExposureInternal
	}
	what := o.ns() + "/" + o.kind + "/" + o.name
	return m.item("k8s.ingress", o, what, exposure, attrs)
}

func backendName(b *yaml.Node) string {
	if name := yamlnode.Text(yamlnode.Path(b, "service", "name")); name != "" {
		return name
	}
	return yamlnode.Text(yamlnode.Get(b, "serviceName"))
}

// ingressTLS lists the hosts TLS entries name. An entry naming no host
// serves the controller's default certificate to every host.
func ingressTLS(spec *yaml.Node) (hosts []string, all bool) {
	for _, entry := range yamlnode.Items(yamlnode.Get(spec, "tls")) {
		named := yamlnode.Strings(yamlnode.Get(entry, "hosts"))
		all = all || len(named) == 0
		hosts = append(hosts, named...)
	}
	return hosts, all
}

func ingressClass(o object, spec *yaml.Node) string {
	if class := yamlnode.Text(yamlnode.Get(spec, "ingressClassName")); class != "" {
		return class
	}
	annotations := yamlnode.Path(o.node, "metadata", "annotations")
	return yamlnode.Text(yamlnode.Get(annotations, "kubernetes.io/ingress.class"))
}

// hostMatchesAny reports whether host is one of patterns, where a pattern
// "*.example.com" covers one label in place of the star.
func hostMatchesAny(host string, patterns []string) bool {
	for _, p := range patterns {
		if p == host {
			return true
		}
		suffix, wildcard := strings.CutPrefix(p, "*")
		label, ok := strings.CutSuffix(host, suffix)
		if wildcard && strings.HasPrefix(suffix, ".") && ok && label != "" &&
			!strings.Contains(label, ".") {
			return true
		}
	}
	return false
}
