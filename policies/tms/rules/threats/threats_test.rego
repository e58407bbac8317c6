package tms.rules.threats_test

import data.tms.rules.threats

_threat(status, severity) := {
	"id": "T-1",
	"title": "Session hijack",
	"stride": ["spoofing"],
	"severity": severity,
	"applies_to": ["container.port:*"],
	"status": status,
	"location": {"path": "threat-model.yaml", "line": 12},
}

_input(threat_list, mitigations, acceptances) := {
	"model": {"threats": threat_list, "mitigations": mitigations, "acceptances": acceptances},
	"config": {"today": "2026-06-01"},
}

_mitigation(status) := {"id": "M-1", "title": "mTLS", "mitigates": ["T-1"], "status": status}

test_reviewed_unmitigated_threat_keeps_its_severity if {
	findings := threats.deny with input as _input([_threat("reviewed", "critical")], [], [])
	some f in findings
	f.rule == "TMS-THREAT-001"
	f.severity == "critical"
	f.stride == ["spoofing"]
	f.subject == "T-1"
	f.location.line == 12
}

test_unreviewed_threat_is_capped_at_medium if {
	findings := threats.deny with input as _input([_threat("unreviewed", "critical")], [], [])
	{f.severity | some f in findings} == {"medium"}
}

test_unreviewed_low_threat_stays_low if {
	findings := threats.deny with input as _input([_threat("unreviewed", "low")], [], [])
	{f.severity | some f in findings} == {"low"}
}

test_threat_without_severity_counts_as_high if {
	every severity in ["", "TBD"] {
		findings := threats.deny with input as _input([_threat("reviewed", severity)], [], [])
		[[f.severity, f.message] | some f in findings] == [[
			"high",
			`threat T-1 "Session hijack" has no implemented mitigation or valid acceptance; it has no severity, so it counts as high`,
		]]
	}
}

test_threat_without_severity_is_reported_even_without_the_field if {
	threat := object.remove(_threat("unreviewed", ""), ["severity"])
	findings := threats.deny with input as _input([threat], [], [])
	{f.severity | some f in findings} == {"medium"}
}

test_implemented_mitigation_answers_threat if {
	doc := _input([_threat("reviewed", "high")], [_mitigation("implemented")], [])
	count(threats.deny) == 0 with input as doc
}

test_proposed_mitigation_does_not_answer_threat if {
	doc := _input([_threat("reviewed", "high")], [_mitigation("proposed")], [])
	count(threats.deny) == 1 with input as doc
}

test_valid_acceptance_answers_threat if {
	acceptance := {"id": "A-1", "threat": "T-1", "reason": "r", "approved_by": "bob", "expires": "2026-06-01"}
	doc := _input([_threat("reviewed", "high")], [], [acceptance])
	count(threats.deny) == 0 with input as doc
}

test_acceptance_without_approver_does_not_answer_threat if {
	acceptance := {"id": "A-1", "threat": "T-1", "reason": "r", "approved_by": " ", "expires": "2026-12-01"}
	doc := _input([_threat("reviewed", "high")], [], [acceptance])
	count(threats.deny) == 1 with input as doc
}

test_missing_input_yields_nothing if {
	count(threats.deny) == 0 with input as {}
}

_port(id, exposure) := {"id": id, "kind": "container.port", "exposure": exposure}

# _applied_to says which items the threat T-1 applies to, as the engine's
# coverage index does.
_applied_to(items) := object.union(_input([_threat("reviewed", "high")], [], []), {
	"surface": items,
	"coverage": {item.id: {"mitigations": [], "threats": ["T-1"]} | some item in items},
})

test_threat_takes_the_widest_reach_of_its_items if {
	internal := _port("container.port:a#1/tcp", "internal")
	public := _port("container.port:b#2/tcp", "public")
	unknown := _port("container.port:c#3/tcp", "unknown")
	dependency := {"id": "dependency:go.mod#x", "kind": "dependency", "exposure": "internal"}
	severities := {name: {f.severity | some f in findings} |
		some name, items in {
			"internal only": [internal],
			"dependency only": [dependency],
			"internal and public": [internal, public],
			"unknown": [unknown, dependency],
			"no item": [],
		}
		findings := threats.deny with input as _applied_to(items)
	}
	severities == {
		"internal only": {"medium"},
		"dependency only": {"medium"},
		"internal and public": {"high"},
		"unknown": {"high"},
		"no item": {"high"},
	}
}

test_unreviewed_threat_on_internal_surface_is_lowered_then_capped if {
	doc := object.union(_applied_to([_port("container.port:a#1/tcp", "internal")]), {"model": {"threats": [_threat("unreviewed", "critical")]}})
	{f.severity | some f in threats.deny} == {"medium"} with input as doc
	low := object.union(doc, {"model": {"threats": [_threat("unreviewed", "medium")]}})
	{f.severity | some f in threats.deny} == {"low"} with input as low
}
