package kubernetes

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

func TestServicesIngressesAndPolicies(t *testing.T) {
	const f = "network.yaml"
	public, internal := extractors.ExposurePublic, extractors.ExposureInternal
	ingress := func(line int, ns, kind, name string, attrs map[string]any) extractors.Item {
		defaults := map[string]any{"kind": kind, "namespace": ns, "name": name, "tls": false}
		return item("k8s.ingress", f, line, ns+"/"+kind+"/"+name, kind+" "+ns+"/"+name,
			public, defaults, attrs)
	}
	policy := func(line int, name string, attrs map[string]any) extractors.Item {
		defaults := map[string]any{"kind": "NetworkPolicy", "namespace": "shop", "name": name}
		return item("k8s.networkpolicy", f, line, "shop/"+name, "NetworkPolicy shop/"+name,
			internal, defaults, attrs)
	}
	admin := port(9000, "UDP", 9000)
	admin["node_port"] = 30900
	web := port(80, "TCP", "http")
	web["name"] = "http"

	checkItems(t, f, []extractors.Item{
		service(f, 1, "shop", "web", public, map[string]any{
			"type": "LoadBalancer", "selector": map[string]any{"app": "web"},
			"ports": []any{web}, "source_ranges": []any{"203.0.113.0/24"},
			"lines": map[string]any{"type": 7},
		}),
		service(f, 15, "shop", "admin", public, map[string]any{
			"type": "NodePort", "selector": map[string]any{"app": "admin"},
			"ports": []any{admin}, "lines": map[string]any{"type": 19},
		}),
		service(f, 26, "shop", "cache", public, map[string]any{
			"external_ips": []any{"198.51.100.7"}, "ports": []any{port(6379, "TCP", 6379)},
			"lines": map[string]any{"external_ips": 30},
		}),
		service(f, 33, "shop", "internal", internal, map[string]any{
			"selector": map[string]any{"app": "internal"},
			"ports":    []any{port(8080, "TCP", 8081)},
		}),
		ingress(40, "shop", "Ingress", "shop", map[string]any{
			"class": "nginx",
			"hosts": hosts("www.shop.example", true, "admin.example", false, "*", false),
			"paths": []any{"/", "/admin", "/healthz"}, "backends": []any{"web", "admin"},
			// The first host served without TLS.
			"lines": map[string]any{"tls": 59},
		}),
		ingress(73, "default", "Ingress", "legacy", map[string]any{
			"class": "", "hosts": hosts("*", false), "paths": []any{},
			"backends": []any{"old-web"}, "lines": map[string]any{"tls": 77},
		}),
		ingress(88, "shop", "HTTPRoute", "api", map[string]any{
			"hosts":    hosts("api.shop.example", true, "status.shop.example", false),
			"paths":    []any{"/v1"},
			"backends": []any{"api"}, "gateways": []any{"shop/edge"},
			"lines": map[string]any{"tls": 93},
		}),
		ingress(98, "shop", "GRPCRoute", "rpc", map[string]any{
			"hosts": hosts("api.shop.example", false), "paths": []any{"shop.Cart/Add"},
			"backends": []any{"cart"}, "gateways": []any{"shop/edge"},
			"lines": map[string]any{"tls": 103},
		}),
		policy(108, "default-deny", map[string]any{
			"pod_selector": map[string]any{}, "pod_selector_expressions": []any{},
			"selects_all_pods":   true,
			"policy_types":       []any{"Ingress", "Egress"},
			"denies_all_ingress": true, "allows_all_ingress": false,
		}),
		policy(115, "allow-all", map[string]any{
			"pod_selector": map[string]any{"app": "web"}, "pod_selector_expressions": []any{},
			"selects_all_pods":   false,
			"policy_types":       []any{"Ingress"},
			"denies_all_ingress": false, "allows_all_ingress": true,
		}),
		// Selecting by expression alone is not selecting every pod.
		policy(124, "by-expression", map[string]any{
			"pod_selector": map[string]any{},
			"pod_selector_expressions": []any{
				map[string]any{"key": "tier", "operator": "In", "values": []any{"web", "api"}},
				map[string]any{"key": "canary", "operator": "DoesNotExist", "values": []any{}},
			},
			"selects_all_pods":   false,
			"policy_types":       []any{"Ingress"},
			"denies_all_ingress": true, "allows_all_ingress": false,
		}),
	}, 0)
}

func TestHostMatchesAny(t *testing.T) {
	tests := []struct {
		host     string
		patterns []string
		want     bool
	}{
		{"a.example.com", []string{"a.example.com"}, true},
		{"a.example.com", []string{"*.example.com"}, true},
		{"a.b.example.com", []string{"*.example.com"}, false},
		{"example.com", []string{"*.example.com"}, false},
		{"a.example.com", []string{"*example.com"}, false},
		{"a.example.com", nil, false},
	}
	for _, tt := range tests {
		if got := hostMatchesAny(tt.host, tt.patterns); got != tt.want {
			t.Errorf("hostMatchesAny(%q, %q) = %v, want %v", tt.host, tt.patterns, got, tt.want)
		}
	}
}

func TestTLSRouteIsTLS(t *testing.T) {
	const manifest = `apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TLSRoute
metadata: {name: db}
spec:
  parentRefs: [{name: elsewhere, namespace: infra}]
  hostnames: [db.example]
  rules: [{backendRefs: [{name: db, port: 5432}]}]
`
	got, err := New().Extract(extractors.File{Path: "tls.yaml", Content: []byte(manifest)}, nil)
	if err != nil || len(got) != 1 {
		t.Fatalf("got %v, %v", got, err)
	}
	want := item("k8s.ingress", "tls.yaml", 1, "default/TLSRoute/db", "TLSRoute default/db",
		extractors.ExposurePublic, nil, map[string]any{
			"kind": "TLSRoute", "namespace": "default", "name": "db",
			"hosts": hosts("db.example", true), "paths": []any{}, "backends": []any{"db"},
			"gateways": []any{"infra/elsewhere"}, "tls": true,
		})
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("TLSRoute (-want +got):\n%s", diff)
	}
}

// tls on the whole Ingress is what a baseline's TLS mitigation looks for: it
// holds only when every host is served over TLS.
func TestIngressTLSCoversEveryHost(t *testing.T) {
	const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  tls: [{hosts: [%s], secretName: shop-tls}]
  rules:
    - host: shop.example
      http: {paths: [{path: /, backend: {service: {name: web, port: {number: 80}}}}]}
    - host: admin.example
      http: {paths: [{path: /, backend: {service: {name: admin, port: {number: 80}}}}]}
`
	tests := []struct {
		name, tlsHosts string
		want           bool
	}{
		{"every host", "shop.example, admin.example", true},
		{"a wildcard entry for both", `"*.example"`, true},
		{"one host in clear", "shop.example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte(fmt.Sprintf(ingress, tt.tlsHosts))
			got, err := New().Extract(extractors.File{Path: "ingress.yaml", Content: content}, nil)
			if err != nil || len(got) != 1 {
				t.Fatalf("got %v, %v", got, err)
			}
			if tls := got[0].Attributes["tls"]; tls != tt.want {
				t.Errorf("tls = %v, want %v (hosts %v)", tls, tt.want, got[0].Attributes["hosts"])
			}
		})
	}
}
