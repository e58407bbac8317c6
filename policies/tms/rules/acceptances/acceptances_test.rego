package tms.rules.acceptances_test

import data.tms.rules.acceptances

_acceptance(fields) := object.union(
	{
		"id": "A-1",
		"threat": "T-1",
		"reason": "legacy endpoint, removed next quarter",
		"approved_by": "alice",
		"expires": "2026-06-30",
		"location": {"path": "threat-model.yaml", "line": 40},
	},
	fields,
)

_input(acceptance) := {
	"model": {"acceptances": [acceptance]},
	"config": {"today": "2026-07-01", "max_acceptance_days": 180},
}

_rules(acceptance) := rules if {
	rules := {f.rule | some f in acceptances.deny} with input as _input(acceptance)
}

test_expired_acceptance_blocks if {
	findings := acceptances.deny with input as _input(_acceptance({}))
	some f in findings
	f.rule == "TMS-ACCEPT-001"
	f.severity == "high"
	f.location.line == 40
	contains(f.message, "threat T-1")
}

test_acceptance_expiring_today_holds if {
	_rules(_acceptance({"expires": "2026-07-01"})) == set()
}

test_acceptance_without_approver_blocks if {
	_rules(_acceptance({"approved_by": "", "expires": "2026-12-01"})) == {"TMS-ACCEPT-002"}
}

test_acceptance_without_expiry_blocks if {
	_rules(_acceptance({"expires": ""})) == {"TMS-ACCEPT-003"}
}

test_acceptance_without_expiry_field_blocks if {
	findings := acceptances.deny with input as _input(object.remove(_acceptance({}), ["expires"]))
	{f.message | some f in findings} == {"acceptance A-1 of threat T-1 has no expiry date"}
}

test_acceptance_with_malformed_expiry_blocks if {
	findings := acceptances.deny with input as _input(_acceptance({"expires": "next spring"}))
	{f.rule | some f in findings} == {"TMS-ACCEPT-003"}
	some f in findings
	f.message == `acceptance A-1 of threat T-1 has expiry "next spring", which is not a date (expected YYYY-MM-DD)`
}

test_surface_acceptance_names_the_surface if {
	acceptance := object.remove(_acceptance({"surface": "container.port:a/Dockerfile#80/tcp"}), ["threat"])
	findings := acceptances.deny with input as _input(acceptance)
	some f in findings
	f.surface == "container.port:a/Dockerfile#80/tcp"
	contains(f.message, "surface container.port:a/Dockerfile#80/tcp")
}

test_missing_input_yields_nothing if {
	count(acceptances.deny) == 0 with input as {}
}

_fingerprint := "sha256:1111111111111111111111111111111111111111111111111111111111111111"

_surface_acceptance := object.union(
	object.remove(_acceptance({"expires": "2026-12-01"}), ["threat"]),
	{"surface": "container.port:a/Dockerfile#80/tcp", "fingerprint": _fingerprint},
)

_with_item(fingerprint) := object.union(_input(_surface_acceptance), {"surface": [{
	"id": "container.port:a/Dockerfile#80/tcp", "fingerprint": fingerprint,
}]})

test_acceptance_lapses_when_the_item_changes if {
	findings := acceptances.deny with input as _with_item("sha256:other")
	{f.rule | some f in findings} == {"TMS-ACCEPT-004"}
}

test_acceptance_holds_while_the_item_is_unchanged if {
	count(acceptances.deny) == 0 with input as _with_item(_fingerprint)
}

test_acceptance_lapses_when_the_item_is_gone if {
	findings := acceptances.deny with input as _input(_surface_acceptance)
	{f.rule | some f in findings} == {"TMS-ACCEPT-004"}
}

_limited(acceptance, days) := object.union(_input(acceptance), {"config": {"today": "2026-07-01", "max_acceptance_days": days}})

test_acceptance_beyond_the_maximum_blocks if {
	findings := acceptances.deny with input as _limited(_acceptance({"expires": "2099-01-01"}), 180)
	some f in findings
	f.rule == "TMS-ACCEPT-005"
	f.severity == "high"
	f.location.line == 40
	f.message == "acceptance A-1 of threat T-1 expires on 2099-01-01, more than 180 days from 2026-07-01 (at most 2026-12-28)"
}

test_acceptance_on_the_last_allowed_day_holds if {
	count(acceptances.deny) == 0 with input as _limited(_acceptance({"expires": "2026-12-28"}), 180)
}

test_acceptance_a_day_past_the_maximum_blocks if {
	findings := acceptances.deny with input as _limited(_acceptance({"expires": "2026-12-29"}), 180)
	{f.rule | some f in findings} == {"TMS-ACCEPT-005"}
}

test_acceptance_maximum_follows_the_configuration if {
	findings := acceptances.deny with input as _limited(_acceptance({"expires": "2026-08-01"}), 30)
	{f.rule | some f in findings} == {"TMS-ACCEPT-005"}
}

test_acceptance_maximum_needs_the_configuration if {
	unlimited := {"model": {"acceptances": [_acceptance({"expires": "2099-01-01"})]}, "config": {"today": "2026-07-01"}}
	count(acceptances.deny) == 0 with input as unlimited
}
