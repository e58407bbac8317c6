# METADATA
# title: Threats without an answer
# description: |
#   Every threat in the model needs an implemented mitigation or a valid
#   acceptance. Threats nobody has reviewed yet are a backlog: they are
#   reported, but at no more than medium severity, so that a fresh baseline
#   warns rather than blocks.
package tms.rules.threats

import data.tms.lib

_mitigated := {threat_id |
	some mitigation in input.model.mitigations
	mitigation.status == "implemented"
	some threat_id in mitigation.mitigates
}

# METADATA
# title: Threat without mitigation or acceptance
# description: |
#   A threat in the model has no mitigation with status implemented that
#   names it, and no acceptance with an approver that has not expired. The
#   threat's severity is its impact; its reach is the widest exposure of the
#   surface items its applies_to match, so a threat that applies only to
#   internal surface or dependencies is one step lower, and one that
#   matches no item keeps its severity (unknown reach). A threat without a
#   severity, or with one tms does not know, counts as high until someone
#   sets it. An unreviewed threat is capped at medium.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/security/develop/threat-modeling-tool-threats
#     description: The STRIDE threat categories
# custom:
#   id: TMS-THREAT-001
#   severity: high
#   stride:
#     - spoofing
#     - tampering
#     - repudiation
#     - information_disclosure
#     - denial_of_service
#     - elevation_of_privilege
#   remediation: |
#     Implement a mitigation and list it under mitigations with status
#     implemented and evidence in the repository, or record an acceptance with
#     a reason, an approver and an expiry date.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": _severity(threat),
	"stride": threat.stride,
	"subject": threat.id,
	"message": _message(threat),
	"location": threat.location,
}) if {
	some threat in input.model.threats
	not threat.id in _mitigated
	not threat.id in lib.accepted_threats
}

_severity(threat) := _risk(threat) if threat.status == "reviewed"

_severity(threat) := lib.lower(_risk(threat), "medium") if threat.status != "reviewed"

_risk(threat) := lib.risk(_reach(threat.id), object.get(threat, "severity", ""))

# The threats that apply to at least one item, and those that apply to an
# item of wide reach (public or unknown: both keep the impact), from the
# engine's coverage index, in one pass over it.
_applied := {threat_id |
	some entry in input.coverage
	some threat_id in entry.threats
}

_widely_reached := {threat_id |
	some item_id, entry in input.coverage
	lib.risk(lib.exposure_of(lib.items_by_id[item_id]), "high") == "high"
	some threat_id in entry.threats
}

_reach(threat_id) := "unknown" if not threat_id in _applied

_reach(threat_id) := "public" if threat_id in _widely_reached

_reach(threat_id) := "internal" if {
	threat_id in _applied
	not threat_id in _widely_reached
}

_message(threat) := concat("", [_problem(threat), _unrated(threat)])

_problem(threat) := sprintf("threat %s %q has no implemented mitigation or valid acceptance", [threat.id, threat.title]) if {
	threat.status == "reviewed"
}

_problem(threat) := sprintf("threat %s %q is unreviewed and unmitigated (backlog)", [threat.id, threat.title]) if {
	threat.status != "reviewed"
}

_unrated(threat) := "; it has no severity, so it counts as high" if {
	not threat.severity in lib.severities
} else := ""
