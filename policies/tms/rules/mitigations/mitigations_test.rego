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
