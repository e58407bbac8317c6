package terraform

import cf "github.com/tms-dev/tms/extractors/cloudfacts"

// A managed Kubernetes cluster's API server listens on 443 at an endpoint
// that both AWS and Google Cloud make public unless told otherwise. Whoever
// reaches it can try stolen or leaked credentials and any flaw of the API
// server, so an endpoint open to 0.0.0.0/0 is recorded as an open ingress
// rule on 443, as a security group rule would be.

const apiServerPort = 443

// apiServerRules are the rules for an API server reachable from sources.
func apiServerRules(sources []any) []cf.Ingress {
	return cf.OpenRules(sources, apiServerPort, apiServerPort, "tcp")
}

// awsEKSCluster reads vpc_config: endpoint_public_access defaults to true
// and public_access_cidrs to 0.0.0.0/0.
func awsEKSCluster(l lifter) {
	vpcs := l.children("vpc_config")
	if len(vpcs) == 0 {
		return
	}
	vpc := vpcs[0]
	public, stated := vpc.triOr("endpoint_public_access", true)
	if public == cf.False {
		l.f.RecordIngress(nil)
		if stated {
			l.f.Internal()
		}
		return
	}

	sources := vpc.list("public_access_cidrs")
	if sources == nil {
		sources = []any{"0.0.0.0/0"}
	}
	rules := apiServerRules(sources)
	if public == cf.Unknown {
		// Whether the endpoint is public at all depends on a variable.
		for i := range rules {
			rules[i].CIDR = cf.UnknownText
		}
	}
	l.f.RecordIngress(cf.AtLine(rules, vpc.line("public_access_cidrs", "endpoint_public_access")))
}

// googleContainerCluster reads the networks authorised to reach the control
// plane. Without master_authorized_networks_config any address may; a
// private endpoint is reached from the VPC only.
func googleContainerCluster(l lifter) {
	for _, private := range l.children("private_cluster_config") {
		if t, _ := private.tri("enable_private_endpoint"); t == cf.True {
			l.f.RecordIngress(nil)
			l.f.Internal()
			return
		}
	}

	configs := l.children("master_authorized_networks_config")
	if len(configs) == 0 {
		l.f.RecordIngress(apiServerRules([]any{"0.0.0.0/0"}))
		return
	}
	var rules []cf.Ingress
	for _, config := range configs {
		rules = append(rules, nestedRules(config, "cidr_blocks", func(get fields) []cf.Ingress {
			return apiServerRules([]any{get("cidr_block")})
		})...)
	}
	l.f.RecordIngress(rules)
}
