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
