package tms.rules.mitigations_test

import data.tms.rules.mitigations

_mitigation(status, evidence) := {
	"id": "M-1",
	"title": "Rate limiting",
	"mitigates": ["T-1"],
	"covers": ["*"],
	"evidence": evidence,
	"status": status,
	"location": {"path": "threat-model.yaml", "line": 30},
}

_input(mitigation, evidence_index) := {
	"model": {"mitigations": [mitigation]},
	"repo": {"evidence": evidence_index},
}

test_missing_evidence_is_high if {
	doc := _input(_mitigation("implemented", ["api/ratelimit.go"]), {"api/ratelimit.go": []})
	findings := mitigations.deny with input as doc
	some f in findings
	f.rule == "TMS-MITIGATION-001"
	f.severity == "high"
	f.subject == "M-1"
	f.location.line == 30
}

test_unindexed_evidence_counts_as_missing if {
	doc := _input(_mitigation("implemented", ["api/ratelimit.go"]), {})
	count(mitigations.deny) == 1 with input as doc
}

test_present_evidence_passes if {
	doc := _input(_mitigation("implemented", ["api/*.go"]), {"api/*.go": ["api/ratelimit.go"]})
	count(mitigations.deny) == 0 with input as doc
}

test_planned_mitigation_needs_no_evidence if {
	doc := _input(_mitigation("planned", ["api/ratelimit.go"]), {"api/ratelimit.go": []})
	count(mitigations.deny) == 0 with input as doc
}

test_implemented_without_evidence_is_medium if {
	findings := mitigations.deny with input as _input(_mitigation("implemented", []), {})
	some f in findings
	f.rule == "TMS-MITIGATION-002"
	f.severity == "medium"
}

test_missing_input_yields_nothing if {
	count(mitigations.deny) == 0 with input as {}
}

_operation(secured) := {
	"id": "api.operation:api.yaml#GET /orders", "kind": "api.operation", "name": "GET /orders",
	"exposure": "public", "attributes": {"secured": secured}, "location": {"path": "api.yaml", "line": 12},
}

_claim_input(item, status, stride) := {
	"surface": [item],
	"model": {
		"threats": [{"id": "T-1", "stride": stride}],
		"mitigations": [{"id": "M-1", "title": "auth", "mitigates": ["T-1"], "evidence": ["api.yaml"], "status": status}],
	},
	"coverage": {item.id: {"mitigations": ["M-1"], "threats": ["T-1"]}},
	"repo": {"evidence": {"api.yaml": ["api.yaml"]}},
}

test_unverified_authentication_claim if {
	findings := mitigations.deny with input as _claim_input(_operation(false), "implemented", ["spoofing"])
	some f in findings
	f.rule == "TMS-MITIGATION-003"
	f.location.line == 12
	contains(f.message, "requires no security")
}

test_verified_authentication_claim_passes if {
	count(mitigations.deny) == 0 with input as _claim_input(_operation(true), "implemented", ["spoofing"])
}

test_planned_mitigation_claims_nothing if {
	count(mitigations.deny) == 0 with input as _claim_input(_operation(false), "planned", ["spoofing"])
}

test_other_category_is_not_checked_on_an_operation if {
	count(mitigations.deny) == 0 with input as _claim_input(_operation(false), "implemented", ["denial_of_service"])
}

test_root_image_contradicts_least_privilege if {
	image := {
		"id": "container.image:Dockerfile", "kind": "container.image", "name": "image",
		"exposure": "unknown", "attributes": {"runs_as_root": true}, "location": {"path": "Dockerfile", "line": 1},
	}
	findings := mitigations.deny with input as _claim_input(image, "implemented", ["elevation_of_privilege"])
	{f.rule | some f in findings} == {"TMS-MITIGATION-003"}
}

test_ingress_without_tls_contradicts_protection if {
	ingress := {
		"id": "k8s.ingress:k.yaml#default/Ingress/web", "kind": "k8s.ingress", "name": "web",
		"exposure": "public", "attributes": {"hosts": [{"host": "a.example", "tls": false}]},
		"location": {"path": "k.yaml", "line": 3},
	}
	findings := mitigations.deny with input as _claim_input(ingress, "implemented", ["information_disclosure"])
	{f.rule | some f in findings} == {"TMS-MITIGATION-003"}
}

test_unencrypted_storage_contradicts_protection if {
	bucket := {
		"id": "terraform.resource:s3.tf#aws_s3_bucket.logs", "kind": "terraform.resource", "name": "logs",
		"exposure": "unknown", "attributes": {"encrypted": false}, "location": {"path": "s3.tf", "line": 1},
	}
	findings := mitigations.deny with input as _claim_input(bucket, "implemented", ["information_disclosure"])
	{f.rule | some f in findings} == {"TMS-MITIGATION-003"}
}

# A mitigation that names its control, over the given surface; the first
# item is the one it covers.
_control_input(surface, control) := {
	"surface": surface,
	"model": {
		"threats": [{"id": "T-1", "stride": ["tampering"]}],
		"mitigations": [{
			"id": "M-1", "title": "control", "mitigates": ["T-1"], "evidence": ["x"],
			"status": "implemented", "control": control,
		}],
	},
	"coverage": {surface[0].id: {"mitigations": ["M-1"], "threats": ["T-1"]}},
	"repo": {"evidence": {"x": ["x"]}},
}

_workload := {
	"id": "k8s.workload:k.yaml#shop/Deployment/api", "kind": "k8s.workload", "name": "api",
	"exposure": "internal", "attributes": {"namespace": "shop", "labels": {"app": "api", "tier": "web"}, "run_as_root": false},
	"location": {"path": "k.yaml", "line": 1},
}

_policy(namespace, selector, types) := {
	"id": sprintf("k8s.networkpolicy:np.yaml#%s/%v%v", [namespace, selector, types]), "kind": "k8s.networkpolicy", "name": "p",
	"exposure": "internal", "location": {"path": "np.yaml", "line": 1},
	"attributes": {
		"namespace": namespace, "pod_selector": selector, "policy_types": types,
		"selects_all_pods": count(selector) == 0,
	},
}

test_workload_without_a_network_policy_is_unverified if {
	findings := mitigations.deny with input as _control_input([_workload], "network-policy")
	{f.message | some f in findings} == {concat("", [
		"mitigation M-1 is unverified: api is claimed to be isolated by a NetworkPolicy, ",
		`but no ingress policy in namespace "shop" selects its pods`,
	])}
}

test_policies_that_miss_the_workload_leave_it_unverified if {
	other_labels := _policy("shop", {"app": "web"}, ["Ingress"])
	other_namespace := _policy("lab", {}, ["Ingress"])
	egress_only := _policy("shop", {"app": "api"}, ["Egress"])
	doc := _control_input([_workload, other_labels, other_namespace, egress_only], "network-policy")
	count(mitigations.deny) == 1 with input as doc
}

test_network_policy_selecting_the_workload_verifies_it if {
	by_label := _control_input([_workload, _policy("shop", {"app": "api"}, ["Ingress"])], "network-policy")
	count(mitigations.deny) == 0 with input as by_label
	every_pod := _control_input([_workload, _policy("shop", {}, ["Ingress", "Egress"])], "network-policy")
	count(mitigations.deny) == 0 with input as every_pod
}

_expression_policy(expressions) := object.union(_policy("shop", {}, ["Ingress"]), {"attributes": {
	"selects_all_pods": false,
	"pod_selector_expressions": expressions,
}})

# The workload's labels are app=api and tier=web.
test_network_policy_selecting_by_expression_verifies_it if {
	selecting := [
		[{"key": "tier", "operator": "In", "values": ["web", "api"]}],
		[{"key": "tier", "operator": "NotIn", "values": ["db"]}],
		[{"key": "canary", "operator": "NotIn", "values": ["true"]}],
		[{"key": "app", "operator": "Exists", "values": []}],
		[{"key": "canary", "operator": "DoesNotExist", "values": []}],
		[
			{"key": "tier", "operator": "In", "values": ["web"]},
			{"key": "canary", "operator": "DoesNotExist", "values": []},
		],
	]
	every expressions in selecting {
		doc := _control_input([_workload, _expression_policy(expressions)], "network-policy")
		count(mitigations.deny) == 0 with input as doc
	}
}

test_network_policy_missing_by_expression_leaves_it_unverified if {
	missing := [
		[{"key": "tier", "operator": "In", "values": ["db"]}],
		[{"key": "canary", "operator": "In", "values": ["true"]}],
		[{"key": "tier", "operator": "NotIn", "values": ["web"]}],
		[{"key": "canary", "operator": "Exists", "values": []}],
		[{"key": "app", "operator": "DoesNotExist", "values": []}],
		[{"key": "tier", "operator": "Gt", "values": ["1"]}],
		[
			{"key": "tier", "operator": "In", "values": ["web"]},
			{"key": "app", "operator": "DoesNotExist", "values": []},
		],
	]
	every expressions in missing {
		doc := _control_input([_workload, _expression_policy(expressions)], "network-policy")
		count(mitigations.deny) == 1 with input as doc
	}
}

test_network_policy_with_labels_and_expressions_needs_both if {
	both := object.union(_policy("shop", {"app": "api"}, ["Ingress"]), {"attributes": {
		"pod_selector_expressions": [{"key": "tier", "operator": "In", "values": ["db"]}],
	}})
	count(mitigations.deny) == 1 with input as _control_input([_workload, both], "network-policy")
}

_lb := {
	"id": "terraform.resource:infra/lb.tf#aws_lb.web", "kind": "terraform.resource", "name": "web",
	"exposure": "public", "attributes": {"type": "aws_lb", "load_balancer": true},
	"location": {"path": "infra/lb.tf", "line": 1},
}

test_load_balancer_without_a_waf_is_unverified if {
	elsewhere := {
		"id": "terraform.resource:other/waf.tf#aws_wafv2_web_acl_association.a", "kind": "terraform.resource",
		"name": "a", "exposure": "internal", "attributes": {"type": "aws_wafv2_web_acl_association"},
		"location": {"path": "other/waf.tf", "line": 1},
	}
	findings := mitigations.deny with input as _control_input([_lb, elsewhere], "waf")
	{f.message | some f in findings} == {concat("", [
		"mitigation M-1 is unverified: web is claimed to sit behind a web application firewall, ",
		"but no WAF is associated in infra",
	])}
}

test_waf_beside_the_load_balancer_verifies_it if {
	waf := {
		"id": "terraform.resource:infra/waf.tf#aws_wafv2_web_acl_association.a", "kind": "terraform.resource",
		"name": "a", "exposure": "internal", "attributes": {"type": "aws_wafv2_web_acl_association"},
		"location": {"path": "infra/waf.tf", "line": 1},
	}
	count(mitigations.deny) == 0 with input as _control_input([_lb, waf], "waf")
}

test_named_control_replaces_the_stride_checks if {
	# The operation is open, but the mitigation claims only TLS, which does
	# not apply to an operation.
	count(mitigations.deny) == 0 with input as _control_input([_operation(false)], "tls")
	findings := mitigations.deny with input as _control_input([_operation(false)], "authentication")
	{f.rule | some f in findings} == {"TMS-MITIGATION-003"}
}

test_named_controls_check_images_ingresses_and_storage if {
	image := {
		"id": "container.image:Dockerfile", "kind": "container.image", "name": "image",
		"exposure": "unknown", "attributes": {"runs_as_root": true}, "location": {"path": "Dockerfile", "line": 1},
	}
	ingress := {
		"id": "k8s.ingress:k.yaml#default/Ingress/web", "kind": "k8s.ingress", "name": "web",
		"exposure": "public", "attributes": {"hosts": [{"host": "a.example", "tls": false}]},
		"location": {"path": "k.yaml", "line": 3},
	}
	bucket := {
		"id": "terraform.resource:s3.tf#aws_s3_bucket.logs", "kind": "terraform.resource", "name": "logs",
		"exposure": "unknown", "attributes": {"encrypted": false}, "location": {"path": "s3.tf", "line": 1},
	}
	count(mitigations.deny) == 1 with input as _control_input([image], "non-root")
	root_workload := object.union(_workload, {"attributes": {"run_as_root": true}})
	count(mitigations.deny) == 1 with input as _control_input([root_workload], "non-root")
	count(mitigations.deny) == 0 with input as _control_input([_workload], "non-root")
	count(mitigations.deny) == 1 with input as _control_input([ingress], "tls")
	count(mitigations.deny) == 1 with input as _control_input([bucket], "encryption")
	count(mitigations.deny) == 0 with input as _control_input([bucket], "tls")
}
