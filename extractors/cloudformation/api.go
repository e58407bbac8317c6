package cloudformation

import (
	"strings"

	cf "github.com/tms-dev/tms/extractors/cloudfacts"
)

// authorization reads an authorization type: NONE lets anyone call.
func authorization(p props, name, def string) {
	s, known := p.text(name, def)
	if !known {
		p.f.Set("authorization", cf.UnknownText)
		p.f.Set(cf.Unauthenticated, cf.UnknownText)
		return
	}
	p.f.Set("authorization", s)
	p.f.Set(cf.Unauthenticated, strings.EqualFold(s, "NONE"))
}

// restAPI: REST APIs are edge-optimized, so public, unless their endpoint
// configuration makes them private.
func restAPI(p props) {
	endpoint := "EDGE"
	if cfg, ok := p.child("EndpointConfiguration"); ok {
		endpoint = cf.UnknownText
		if types, isList := cfg.get("Types").([]any); isList && len(types) == 1 {
			if s, isText := types[0].(string); isText {
				endpoint = strings.ToUpper(s)
			}
		}
	}
	p.f.Set("endpoint_type", endpoint)
	switch endpoint {
	case "PRIVATE":
		p.f.Internal()
	case "EDGE", "REGIONAL":
		p.f.Public()
	}
}

func apiMethod(p props) {
	if method, known := p.text("HttpMethod", ""); known && method != "" {
		p.f.Set("http_method", method)
	}
	authorization(p, "AuthorizationType", "NONE")
}

func apiRoute(p props) {
	if key, known := p.text("RouteKey", ""); known && key != "" {
		p.f.Set("route_key", key)
	}
	authorization(p, "AuthorizationType", "NONE")
}

// functionURL: a function URL is an HTTPS endpoint on the internet.
func functionURL(p props) {
	authorization(p, "AuthType", "")
	p.f.Public()
}

// serverlessFunction reads a SAM function's URL configuration, if any.
func serverlessFunction(p props) {
	if cfg, ok := p.child("FunctionUrlConfig"); ok {
		authorization(cfg, "AuthType", "")
		p.f.Public()
	}
}

// loadBalancer: a load balancer is internet-facing unless its scheme says
// internal.
func loadBalancer(p props) {
	p.f.Set(cf.LoadBalancer, true)
	internal := p.oneOf("Scheme", "internet-facing", "internal")
	p.f.Exposed(cf.PublicIP, internal.Not(), p.m["Scheme"] != nil)
}

func publicAddress(p props) { p.f.Exposed(cf.PublicIP, cf.True, true) }

// subnet: instances launched in a subnet that maps public IPs get one.
func subnet(p props) {
	if t, explicit := p.tri("MapPublicIpOnLaunch", false); explicit {
		p.f.Exposed(cf.PublicIP, t, true)
	}
}

func instance(p props) {
	nics, _ := p.children("NetworkInterfaces")
	public, found := cf.False, false
	for _, nic := range nics {
		if t, explicit := nic.tri("AssociatePublicIpAddress", false); explicit {
			public, found = public.Or(t), true
		}
	}
	if found {
		p.f.Exposed(cf.PublicIP, public, true)
	}
}
