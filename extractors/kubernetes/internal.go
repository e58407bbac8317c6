package kubernetes

import (
	"strings"

	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// A cloud provider gives a LoadBalancer Service, or an Ingress controller
// gives an Ingress, an address inside the virtual network rather than on the
// internet when an annotation asks for one. Such an object takes traffic
// only from the network it sits in, so it is internal, not public.

// internalMarker is an annotation and a test of its value.
type internalMarker struct {
	key   string
	means func(value string) bool
}

// is matches a value ignoring case and surrounding space.
func is(want string) func(string) bool {
	return func(v string) bool { return strings.EqualFold(strings.TrimSpace(v), want) }
}

// internalLoadBalancerMarkers are the annotations of the AWS, Google Cloud
// and Azure load balancer integrations. The AWS in-tree provider made a load
// balancer internal for any value but "false", including the older
// "0.0.0.0/0".
var internalLoadBalancerMarkers = []internalMarker{
	{"service.beta.kubernetes.io/aws-load-balancer-internal", func(v string) bool {
		v = strings.TrimSpace(v)
		return v != "" && !strings.EqualFold(v, "false")
	}},
	{"service.beta.kubernetes.io/aws-load-balancer-scheme", is("internal")},
	{"networking.gke.io/load-balancer-type", is("Internal")},
	{"cloud.google.com/load-balancer-type", is("Internal")},
	{"service.beta.kubernetes.io/azure-load-balancer-internal", is("true")},
}

// internalIngressMarkers are the annotations of the AWS Load Balancer
// Controller and of GKE's internal Ingress class.
var internalIngressMarkers = []internalMarker{
	{"alb.ingress.kubernetes.io/scheme", is("internal")},
	{"kubernetes.io/ingress.class", is("gce-internal")},
}

// internalAnnotation returns "key: value" for the first annotation of the
// object that makes it internal, or "" when none does.
func internalAnnotation(o object, markers []internalMarker) string {
	annotations := yamlnode.Path(o.node, "metadata", "annotations")
	for _, m := range markers {
		value, ok := yamlnode.String(yamlnode.Get(annotations, m.key))
		if ok && m.means(value) {
			return m.key + ": " + value
		}
	}
	return ""
}
