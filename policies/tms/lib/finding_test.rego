package tms.lib_test

import data.tms.lib

# M-1 covers one dependency and mitigates T-1, a tampering threat.
_input(status, acceptances) := {
	"model": {
		"threats": [{"id": "T-1", "stride": ["tampering"]}, {"id": "TMS-ROOT-001", "stride": ["repudiation"]}],
		"mitigations": [{"id": "M-1", "status": status, "mitigates": ["T-1"]}],
		"acceptances": acceptances,
	},
	"coverage": {"dependency:go.mod#x": {"mitigations": ["M-1"], "threats": []}},
	"config": {"today": "2026-06-01"},
}

_tampering := {"custom": {"id": "TMS-DEP-001", "stride": ["spoofing", "tampering"]}}

_privilege := {"custom": {"id": "TMS-ROOT-001", "stride": ["elevation_of_privilege"]}}

test_covered_by_implemented_mitigation if {
	lib.covered(_tampering, "dependency:go.mod#x") with input as _input("implemented", [])
	lib.answered(_tampering, "dependency:go.mod#x") with input as _input("implemented", [])
}

test_mitigation_of_another_category_does_not_cover if {
	not lib.covered(_privilege, "dependency:go.mod#x") with input as _input("implemented", [])
	not lib.answered(_privilege, "dependency:go.mod#x") with input as _input("implemented", [])
}

test_threat_named_after_the_rule_covers_it if {
	named := json.patch(_input("implemented", []), [{"op": "add", "path": "/model/mitigations/0/mitigates/-", "value": "TMS-ROOT-001"}])
	lib.covered(_privilege, "dependency:go.mod#x") with input as named
}

test_mitigation_of_an_unknown_threat_does_not_cover if {
	unknown := json.patch(_input("implemented", []), [{"op": "replace", "path": "/model/mitigations/0/mitigates", "value": ["T-9"]}])
	not lib.covered(_tampering, "dependency:go.mod#x") with input as unknown
}

test_proposed_mitigation_does_not_cover if {
	not lib.covered(_tampering, "dependency:go.mod#x") with input as _input("proposed", [])
	not lib.answered(_tampering, "dependency:go.mod#x") with input as _input("proposed", [])
}

test_item_nothing_names_is_not_covered if {
	not lib.covered(_tampering, "dependency:go.mod#y") with input as _input("implemented", [])
}

test_valid_acceptance_answers if {
	acceptance := {"id": "A-1", "surface": "dependency:go.mod#x", "approved_by": "bob", "expires": "2026-07-01"}
	lib.answered(_privilege, "dependency:go.mod#x") with input as _input("planned", [acceptance])
}

test_lower_picks_the_less_severe if {
	lib.lower("high", "medium") == "medium"
	lib.lower("low", "medium") == "low"
}

test_missing_input_answers_nothing if {
	not lib.answered(_tampering, "dependency:go.mod#x") with input as {}
}

_meta := {"custom": {"id": "TMS-TEST-001", "severity": "critical", "stride": ["tampering"]}}

test_finding_on_unreviewed_surface_is_backlog if {
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": {"surface": [{"id": "x", "status": "unreviewed"}]}}
	f.severity == "medium"
	f.backlog == true
}

_unreviewed_x := {"surface": [{"id": "x", "status": "unreviewed"}]}

test_change_that_records_surface_unreviewed_is_not_backlog if {
	base := {"model": {"surface": [{"id": "y", "status": "reviewed"}]}}
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": _unreviewed_x, "base": base}
	f.severity == "critical"
	f.backlog == false
}

test_surface_the_base_left_unreviewed_stays_backlog if {
	base := {"model": _unreviewed_x, "surface": [{"id": "x"}]}
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": _unreviewed_x, "base": base}
	f.severity == "medium"
	f.backlog == true
}

test_entry_the_base_had_before_its_item_is_not_backlog if {
	base := {"model": _unreviewed_x, "surface": [{"id": "y"}]}
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": _unreviewed_x, "base": base}
	f.severity == "critical"
	f.backlog == false
}

test_protected_bundle_rule_is_never_backlog if {
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": _unreviewed_x}
		with data.tms.protected_rules as ["TMS-TEST-001"]
	f.severity == "critical"
	f.backlog == false
}

test_overridable_bundle_rule_is_still_backlog if {
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": _unreviewed_x}
		with data.tms.protected_rules as ["ACME-OTHER-001"]
	f.severity == "medium"
	f.backlog == true
}

test_base_without_a_model_is_a_baseline if {
	f := lib.finding(_meta, {"surface": "x"}) with input as {"model": _unreviewed_x, "base": {"model": {"surface": []}}}
	f.backlog == true
	g := lib.finding(_meta, {"surface": "x"}) with input as {"model": _unreviewed_x, "base": null}
	g.backlog == true
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
