package kubernetes

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
)

func TestInternalLoadBalancers(t *testing.T) {
	const f = "internal-lb.yaml"
	public, internal := extractors.ExposurePublic, extractors.ExposureInternal
	lb := func(line int, name string, exposure extractors.Exposure, attrs map[string]any) extractors.Item {
		attrs["type"] = "LoadBalancer"
		attrs["ports"] = []any{port(80, "TCP", 80)}
		return service(f, line, "shop", name, exposure, attrs)
	}
	ingress := func(line int, name string, exposure extractors.Exposure, attrs map[string]any) extractors.Item {
		defaults := map[string]any{
			"kind": "Ingress", "namespace": "shop", "name": name, "tls": false,
			"class": "alb", "paths": []any{"/"}, "backends": []any{name},
		}
		return item("k8s.ingress", f, line, "shop/Ingress/"+name, "Ingress shop/"+name,
			exposure, defaults, attrs)
	}
	debugPort := port(80, "TCP", 80)
	debugPort["node_port"] = 30080

	checkItems(t, f, []extractors.Item{
		lb(3, "orders", internal, map[string]any{
			"internal_annotation": "service.beta.kubernetes.io/aws-load-balancer-internal: true",
		}),
		lb(15, "ledger", internal, map[string]any{
			"internal_annotation": "service.beta.kubernetes.io/aws-load-balancer-scheme: internal",
		}),
		lb(28, "search", internal, map[string]any{
			"internal_annotation": "networking.gke.io/load-balancer-type: Internal",
		}),
		lb(40, "legacy", internal, map[string]any{
			"internal_annotation": "cloud.google.com/load-balancer-type: internal",
		}),
		lb(52, "billing", internal, map[string]any{
			"internal_annotation": "service.beta.kubernetes.io/azure-load-balancer-internal: true",
		}),
		lb(65, "storefront", public, map[string]any{"lines": map[string]any{"type": 74}}),
		service(f, 79, "shop", "debug", public, map[string]any{
			"type": "NodePort", "ports": []any{debugPort}, "lines": map[string]any{"type": 87},
		}),
		ingress(92, "admin", internal, map[string]any{
			"hosts":               hosts("admin.shop.internal", false),
			"internal_annotation": "alb.ingress.kubernetes.io/scheme: internal",
			"lines":               map[string]any{"tls": 102},
		}),
		ingress(113, "web", public, map[string]any{
			"hosts": hosts("www.shop.example", false),
			"lines": map[string]any{"tls": 123},
		}),
	}, 0)
}
