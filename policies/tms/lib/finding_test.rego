package tms.lib_test

import data.tms.lib

_input(status, acceptances) := {
	"model": {
		"mitigations": [{"id": "M-1", "status": status}],
		"acceptances": acceptances,
	},
	"coverage": {"dependency:go.mod#x": {"mitigations": ["M-1"], "threats": []}},
	"config": {"today": "2026-06-01"},
}

test_covered_by_implemented_mitigation if {
	lib.covered("dependency:go.mod#x") with input as _input("implemented", [])
	lib.answered("dependency:go.mod#x") with input as _input("implemented", [])
}

test_proposed_mitigation_does_not_cover if {
	not lib.covered("dependency:go.mod#x") with input as _input("proposed", [])
	not lib.answered("dependency:go.mod#x") with input as _input("proposed", [])
}

test_item_nothing_names_is_not_covered if {
	not lib.covered("dependency:go.mod#y") with input as _input("implemented", [])
}

test_valid_acceptance_answers if {
	acceptance := {"id": "A-1", "surface": "dependency:go.mod#x", "approved_by": "bob", "expires": "2026-07-01"}
	lib.answered("dependency:go.mod#x") with input as _input("planned", [acceptance])
}

test_lower_picks_the_less_severe if {
	lib.lower("high", "medium") == "medium"
	lib.lower("low", "medium") == "low"
}

test_missing_input_answers_nothing if {
	not lib.answered("dependency:go.mod#x") with input as {}
}

_meta := {"custom": {"id": "TMS-TEST-001", "severity": "critical", "stride": ["tampering"]}}

test_finding_on_unreviewed_surface_is_backlog if {
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": {"surface": [{"id": "x", "status": "unreviewed"}]}}
	f.severity == "medium"
	f.backlog == true
}

test_finding_on_reviewed_surface_keeps_its_severity if {
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": {"surface": [{"id": "x", "status": "reviewed"}]}}
	f.severity == "critical"
	f.backlog == false
}

test_finding_on_new_surface_keeps_its_severity if {
	f := lib.finding(_meta, {"surface": "x", "severity": "high"}) with input as {"model": {"surface": []}}
	f.severity == "high"
}

test_finding_about_an_acceptance_of_unreviewed_surface_is_not_capped if {
	f := lib.finding(_meta, {"surface": "x", "subject": "A-1"}) with input as {"model": {"surface": [{"id": "x", "status": "unreviewed"}]}}
	f.severity == "critical"
}
