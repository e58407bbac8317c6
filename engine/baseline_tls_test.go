package engine

import (
	"slices"
	"testing"
)

// tms init proposes TLS as the mitigation of an Ingress that serves every
// host over TLS, and not of one that serves a host in clear text.
func TestBaselineProposesTLSForAnIngressOnTLS(t *testing.T) {
	const (
		shop = "k8s.ingress:k8s/ingress.yaml#web/Ingress/shop"
		blog = "k8s.ingress:k8s/ingress.yaml#web/Ingress/blog"
	)
	model := baselineOf(t, "testdata/baseline/ingress-tls")

	var covered []string
	for _, m := range model.Mitigations {
		if m.Control == "tls" {
			covered = append(covered, m.Covers...)
		}
	}
	if !slices.Contains(covered, shop) {
		t.Errorf("no TLS mitigation covers %s; TLS mitigations cover %v", shop, covered)
	}
	if slices.Contains(covered, blog) {
		t.Errorf("a TLS mitigation covers %s, which serves blog.example in clear", blog)
	}
}
