package tms.rules.model_test

import data.tms.rules.model

_mitigation(status) := {
	"id": "M-1", "title": "Token check", "mitigates": ["T-1"], "covers": ["*"],
	"evidence": ["auth.go"], "status": status,
	"location": {"path": "threat-model.yaml", "line": 9},
}

_threat(severity) := {
	"id": "T-1", "title": "Token theft", "stride": ["spoofing"], "severity": severity,
	"applies_to": ["*"], "status": "reviewed",
	"location": {"path": "threat-model.yaml", "line": 3},
}

_acceptance := {
	"id": "A-1", "threat": "T-1", "reason": "legacy", "approved_by": "bob",
	"expires": "2026-08-01", "location": {"path": "threat-model.yaml", "line": 20},
}

_model(threats, mitigations, acceptances) := {
	"threats": threats, "mitigations": mitigations, "acceptances": acceptances,
}

_input(base, head) := {"model": head, "base": {"commit": "abc", "surface": [], "model": base}}

_rules(base, head) := rules if {
	rules := {f.rule | some f in model.deny} with input as _input(base, head)
}

test_removed_mitigation_is_reported_with_its_content if {
	doc := _input(_model([], [_mitigation("implemented")], []), _model([], [], []))
	findings := model.deny with input as doc
	some f in findings
	f.rule == "TMS-MODEL-001"
	contains(f.message, `M-1 "Token check" [implemented]`)
}

test_removed_proposal_is_not_reported if {
	_rules(_model([], [_mitigation("proposed")], []), _model([], [], [])) == set()
}

test_weakened_mitigation_is_reported if {
	before := _model([], [_mitigation("implemented")], [])
	_rules(before, _model([], [_mitigation("planned")], [])) == {"TMS-MODEL-002"}
}

test_strengthened_mitigation_passes if {
	before := _model([], [_mitigation("planned")], [])
	_rules(before, _model([], [_mitigation("implemented")], [])) == set()
}

test_lowered_threat_is_reported if {
	_rules(_model([_threat("high")], [], []), _model([_threat("low")], [], [])) == {"TMS-MODEL-003"}
}

test_removed_severity_is_reported if {
	findings := model.deny with input as _input(_model([_threat("high")], [], []), _model([_threat("")], [], []))
	[f.message | some f in findings] == ["the change removes the severity of threat T-1 (was high)"]
}

test_severity_set_where_there_was_none_passes if {
	_rules(_model([_threat("")], [], []), _model([_threat("low")], [], [])) == set()
}

test_raised_threat_passes if {
	_rules(_model([_threat("low")], [], []), _model([_threat("high")], [], [])) == set()
}

test_added_acceptance_is_reported if {
	doc := _input(_model([], [], []), _model([], [], [_acceptance]))
	findings := model.deny with input as doc
	some f in findings
	f.rule == "TMS-MODEL-004"
	f.message == `the change adds acceptance A-1: + threat of T-1 by "bob" until 2026-08-01: legacy`
}

test_existing_acceptance_passes if {
	_rules(_model([], [], [_acceptance]), _model([], [], [_acceptance])) == set()
}

test_without_base_nothing_is_reported if {
	count(model.deny) == 0 with input as {"model": _model([], [], [_acceptance]), "base": null}
}

test_missing_input_yields_nothing if {
	count(model.deny) == 0 with input as {}
}

test_added_surface_acceptance_names_the_surface if {
	acceptance := object.union(object.remove(_acceptance, ["threat"]), {"surface": "dependency:go.mod#x"})
	findings := model.deny with input as _input(_model([], [], []), _model([], [], [acceptance]))
	some f in findings
	f.surface == "dependency:go.mod#x"
	contains(f.message, "+ surface of dependency:go.mod#x")
}

test_removed_planned_mitigation_is_reported if {
	_rules(_model([], [_mitigation("planned")], []), _model([], [], [])) == {"TMS-MODEL-001"}
}

test_narrowed_mitigation_names_each_edit if {
	before := object.union(_mitigation("implemented"), {"control": "tls"})
	after := object.union(_mitigation("planned"), {"mitigates": [], "covers": ["api/*"], "evidence": []})
	doc := _covered(
		_model([], [before], []), {"api.operation:web/a": {"mitigations": ["M-1"], "threats": []}},
		_model([], [after], []), {},
	)
	findings := model.deny with input as doc
	{f.message | some f in findings} == {concat("", [
		"the change weakens mitigation M-1: status implemented -> planned; ",
		`mitigates - {"T-1"}; covers - {"api.operation:web/a"}; evidence - {"auth.go"}; `,
		`control "tls" -> ""`,
	])}
}

# _covered is an input with a surface of two operations and the coverage
# each side's model gives them.
_covered(base, base_coverage, head, head_coverage) := {
	"model": head,
	"surface": [{"id": "api.operation:web/a"}, {"id": "api.operation:web/b"}],
	"coverage": head_coverage,
	"base": {"commit": "abc", "surface": [], "model": base, "coverage": base_coverage},
}

_both_covered(mitigations, threats) := {
	"api.operation:web/a": {"mitigations": mitigations, "threats": threats},
	"api.operation:web/b": {"mitigations": mitigations, "threats": threats},
}

test_glob_that_matches_the_listed_ids_passes if {
	before := object.union(_mitigation("implemented"), {"covers": ["api.operation:web/a", "api.operation:web/b"]})
	after := object.union(_mitigation("implemented"), {"covers": ["api.operation:web/**"]})
	doc := _covered(_model([], [before], []), _both_covered(["M-1"], []), _model([], [after], []), _both_covered(["M-1"], []))
	count(model.deny) == 0 with input as doc
}

test_surface_gone_from_the_repository_is_no_narrowing if {
	base_coverage := object.union(_both_covered(["M-1"], []), {"api.operation:web/gone": {"mitigations": ["M-1"], "threats": []}})
	m := _mitigation("implemented")
	doc := _covered(_model([], [m], []), base_coverage, _model([], [m], []), _both_covered(["M-1"], []))
	count(model.deny) == 0 with input as doc
}

test_replaced_control_is_reported if {
	before := object.union(_mitigation("implemented"), {"control": "tls"})
	after := object.union(_mitigation("implemented"), {"control": "waf"})
	findings := model.deny with input as _input(_model([], [before], []), _model([], [after], []))
	{f.message | some f in findings} == {`the change weakens mitigation M-1: control "tls" -> "waf"`}
}

test_added_control_passes if {
	after := object.union(_mitigation("implemented"), {"control": "tls"})
	_rules(_model([], [_mitigation("implemented")], []), _model([], [after], [])) == set()
}

test_narrowed_reviewed_threat_is_reported if {
	after := object.union(_threat("high"), {"applies_to": ["api.operation:web/b"]})
	doc := _covered(
		_model([_threat("high")], [], []), _both_covered([], ["T-1"]),
		_model([after], [], []), {"api.operation:web/b": {"mitigations": [], "threats": ["T-1"]}},
	)
	findings := model.deny with input as doc
	some f in findings
	f.rule == "TMS-MODEL-006"
	f.message == `the change narrows reviewed threat T-1 "Token theft": applies_to - {"api.operation:web/a"}`
	f.location.line == 3
}

test_threat_glob_that_matches_the_listed_ids_passes if {
	before := object.union(_threat("high"), {"applies_to": ["api.operation:web/a", "api.operation:web/b"]})
	after := object.union(_threat("high"), {"applies_to": ["api.operation:**"]})
	doc := _covered(_model([before], [], []), _both_covered([], ["T-1"]), _model([after], [], []), _both_covered([], ["T-1"]))
	count(model.deny) == 0 with input as doc
}

test_narrowed_unreviewed_threat_passes if {
	unreviewed := object.union(_threat("high"), {"status": "unreviewed"})
	doc := _covered(_model([unreviewed], [], []), _both_covered([], ["T-1"]), _model([unreviewed], [], []), {})
	count(model.deny) == 0 with input as doc
}

test_widened_mitigation_passes if {
	after := object.union(_mitigation("implemented"), {"mitigates": ["T-1", "T-2"], "evidence": ["auth.go", "auth_test.go"]})
	_rules(_model([], [_mitigation("implemented")], []), _model([], [after], [])) == set()
}

test_extended_acceptance_is_reported if {
	after := object.union(_acceptance, {"expires": "2027-01-01", "approved_by": "carol"})
	doc := _input(_model([], [], [_acceptance]), _model([], [], [after]))
	findings := model.deny with input as doc
	{f.message | some f in findings} == {
		`the change edits acceptance A-1: expires "2026-08-01" -> "2027-01-01"; approved_by "bob" -> "carol"`,
	}
}

test_acceptance_moved_to_another_threat_is_reported if {
	after := object.union(_acceptance, {"threat": "T-9"})
	_rules(_model([], [], [_acceptance]), _model([], [], [after])) == {"TMS-MODEL-004"}
}

test_shortened_or_reworded_acceptance_passes if {
	after := object.union(_acceptance, {"expires": "2026-07-01", "reason": "legacy, retiring in July"})
	_rules(_model([], [], [_acceptance]), _model([], [], [after])) == set()
}

test_deleted_reviewed_threat_is_reported if {
	doc := _input(_model([_threat("high")], [], []), _model([], [], []))
	findings := model.deny with input as doc
	some f in findings
	f.rule == "TMS-MODEL-005"
	f.message == `the change deletes threat T-1 "Token theft", which was reviewed`
	f.location == {"path": "threat-model.yaml", "line": 0}
}

test_reopened_threat_is_reported_at_its_line if {
	after := object.union(_threat("high"), {"status": "unreviewed"})
	findings := model.deny with input as _input(_model([_threat("high")], [], []), _model([after], [], []))
	some f in findings
	f.rule == "TMS-MODEL-005"
	f.message == `the change sets back to unreviewed threat T-1 "Token theft", which was reviewed`
	f.location.line == 3
}

test_deleted_unreviewed_threat_is_reported if {
	before := object.union(_threat("high"), {"status": "unreviewed"})
	findings := model.deny with input as _input(_model([before], [], []), _model([], [], []))
	{f.message | some f in findings} == {`the change deletes threat T-1 "Token theft", which was unreviewed`}
}

test_unchanged_unreviewed_threat_passes if {
	before := object.union(_threat("high"), {"status": "unreviewed"})
	_rules(_model([before], [], []), _model([before], [], [])) == set()
}
