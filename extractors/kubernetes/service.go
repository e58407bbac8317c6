package kubernetes

import (
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// service reads a Service. Its exposure follows its type: a LoadBalancer or
// NodePort, or any externalIPs, reach it from outside the cluster; a
// ClusterIP (headless included), an ExternalName alias, or a LoadBalancer
// annotated internal does not. A type tms does not know, such as a
// variable, is unknown.
func (m *manifest) service(o object) extractors.Item {
	spec := yamlnode.Get(o.node, "spec")
	typ := yamlnode.Text(yamlnode.Get(spec, "type"))
	if typ == "" {
		typ = "ClusterIP"
	}
	externalIPs := yamlnode.Strings(yamlnode.Get(spec, "externalIPs"))

	attrs := common(o)
	attrs["type"] = typ
	attrs["ports"] = servicePorts(spec)
	attrs["selector"] = yamlnode.StringMap(yamlnode.Get(spec, "selector"))
	attrs["headless"] = yamlnode.Text(yamlnode.Get(spec, "clusterIP")) == "None"
	attrs["external_ips"] = anyList(externalIPs)
	ranges := yamlnode.Strings(yamlnode.Get(spec, "loadBalancerSourceRanges"))
	attrs["source_ranges"] = anyList(ranges)

	internalLB := ""
	if typ == "LoadBalancer" {
		internalLB = internalAnnotation(o, internalLoadBalancerMarkers)
	}
	exposure := extractors.ExposureUnknown
	switch {
	case internalLB != "" && len(externalIPs) == 0:
		attrs["internal_annotation"] = internalLB
		exposure = extractors.ExposureInternal
	case typ == "LoadBalancer" || typ == "NodePort" || len(externalIPs) > 0:
		exposure = extractors.ExposurePublic
	case typ == "ClusterIP" || typ == "ExternalName":
		exposure = extractors.ExposureInternal
	}
	if exposure != extractors.ExposureInternal {
		lines := extractors.FactLines{}
		lines.Note("type", yamlnode.KeyLine(spec, "type"))
		lines.Note("external_ips", yamlnode.KeyLine(spec, "externalIPs"))
		lines.Fill(attrs)
	}
	return m.item("k8s.service", o, o.ns()+"/"+o.name, exposure, attrs)
}

// servicePorts lists the ports with Kubernetes' defaults filled in: TCP, and
// a target port equal to the port.
func servicePorts(spec *yaml.Node) []any {
	var out []any
	for _, p := range yamlnode.Items(yamlnode.Get(spec, "ports")) {
		port := map[string]any{"port": yamlnode.Scalar(yamlnode.Get(p, "port"))}
		port["protocol"] = yamlnode.Text(yamlnode.Get(p, "protocol"))
		if port["protocol"] == "" {
			port["protocol"] = "TCP"
		}
		port["target_port"] = yamlnode.Scalar(yamlnode.Get(p, "targetPort"))
		if port["target_port"] == nil {
			port["target_port"] = port["port"]
		}
		if name := yamlnode.Text(yamlnode.Get(p, "name")); name != "" {
			port["name"] = name
		}
		if nodePort := yamlnode.Scalar(yamlnode.Get(p, "nodePort")); nodePort != nil {
			port["node_port"] = nodePort
		}
		out = append(out, port)
	}
	return nonNil(out)
}

// networkPolicy reads a NetworkPolicy. Without policyTypes, Kubernetes takes
// Ingress, plus Egress when egress rules are given. It denies all ingress to
// the pods it selects when it governs Ingress and allows no ingress rule; a
// rule with neither from nor ports allows all.
func (m *manifest) networkPolicy(o object) extractors.Item {
	spec := yamlnode.Get(o.node, "spec")
	selector := yamlnode.Get(spec, "podSelector")
	types := yamlnode.Strings(yamlnode.Get(spec, "policyTypes"))
	if len(types) == 0 {
		types = []string{"Ingress"}
		if yamlnode.Get(spec, "egress") != nil {
			types = append(types, "Egress")
		}
	}
	rules := yamlnode.Items(yamlnode.Get(spec, "ingress"))

	attrs := common(o)
	expressions := selectorExpressions(yamlnode.Get(selector, "matchExpressions"))
	attrs["pod_selector"] = yamlnode.StringMap(yamlnode.Get(selector, "matchLabels"))
	attrs["pod_selector_expressions"] = expressions
	attrs["selects_all_pods"] = len(yamlnode.Pairs(yamlnode.Get(selector, "matchLabels"))) == 0 &&
		len(expressions) == 0
	attrs["policy_types"] = anyList(types)
	governsIngress := slices.Contains(types, "Ingress")
	attrs["denies_all_ingress"] = governsIngress && len(rules) == 0
	attrs["allows_all_ingress"] = governsIngress && anyOpenRule(rules)
	return m.item("k8s.networkpolicy", o, o.ns()+"/"+o.name, extractors.ExposureInternal, attrs)
}

// selectorExpressions reads a label selector's matchExpressions as
// written: key, operator (In, NotIn, Exists, DoesNotExist) and values. The
// policies evaluate them, so a policy that selects pods only by expression
// still counts as selecting them.
func selectorExpressions(n *yaml.Node) []any {
	out := []any{}
	for _, e := range yamlnode.Items(n) {
		key, _ := yamlnode.String(yamlnode.Get(e, "key"))
		operator, _ := yamlnode.String(yamlnode.Get(e, "operator"))
		out = append(out, map[string]any{
			"key":      key,
			"operator": operator,
			"values":   anyList(yamlnode.Strings(yamlnode.Get(e, "values"))),
		})
	}
	return out
}

func anyOpenRule(rules []*yaml.Node) bool {
	for _, r := range rules {
		if len(yamlnode.Items(yamlnode.Get(r, "from"))) == 0 &&
			len(yamlnode.Items(yamlnode.Get(r, "ports"))) == 0 {
			return true
		}
	}
	return false
}
