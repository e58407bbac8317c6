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
