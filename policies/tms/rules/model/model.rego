# METADATA
# title: Changes to the threat model itself
# description: |
#   With --base, tms sees the model as it was where the change started. A
#   change that weakens the model (a mitigation removed or downgraded, a
#   threat's severity lowered, a risk accepted) needs a person to review that
#   edit as carefully as the code: each is reported with the edit itself.
package tms.rules.model

import data.tms.lib

_base_mitigations := {m.id: m | some m in input.base.model.mitigations}

_head_mitigations := {m.id: m | some m in input.model.mitigations}

_base_threats := {t.id: t | some t in input.base.model.threats}

_base_acceptances := {a.id | some a in input.base.model.acceptances}

_status_rank := {"proposed": 0, "planned": 1, "implemented": 2}

# METADATA
# title: Mitigation removed from the model
# description: |
#   An implemented mitigation that the model had at the base of the change is
#   gone from it. The threats it answered may be open again.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-MODEL-001
#   severity: medium
#   stride:
#     - tampering
#     - repudiation
#   remediation: |
#     Confirm with the mitigation's owner that the control is really gone, and
#     answer the threats it mitigated with another mitigation or an acceptance.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": id,
	"message": sprintf("the change removes mitigation %s from the model: - %s", [id, _describe(mitigation)]),
	"location": {"path": mitigation.location.path, "line": 0},
}) if {
	some id, mitigation in _base_mitigations
	mitigation.status == "implemented"
	not _head_mitigations[id]
}

# METADATA
# title: Mitigation status weakened
# description: |
#   The change moves a mitigation from implemented or planned to a weaker
#   status, so the model now claims less protection than it did.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-MODEL-002
#   severity: medium
#   stride:
#     - tampering
#     - repudiation
#   remediation: |
#     Check why the control was downgraded and whether the threats it answers
#     need another mitigation.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": id,
	"message": sprintf("the change weakens mitigation %s: status %s -> %s", [id, before.status, after.status]),
	"location": after.location,
}) if {
	some id, after in _head_mitigations
	before := _base_mitigations[id]
	_status_rank[after.status] < _status_rank[before.status]
}

# METADATA
# title: Threat severity lowered
# description: |
#   The change lowers the severity of a threat, which lowers the severity of
#   every finding about it.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-MODEL-003
#   severity: medium
#   stride:
#     - tampering
#     - repudiation
#   remediation: |
#     Have the threat's reviewer confirm the new severity and record why.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": threat.id,
	"message": sprintf("the change lowers threat %s from %s to %s", [threat.id, before.severity, threat.severity]),
	"location": threat.location,
}) if {
	some threat in input.model.threats
	before := _base_threats[threat.id]
	lib.severity_rank[threat.severity] < lib.severity_rank[before.severity]
}

# METADATA
# title: Risk acceptance added
# description: |
#   The change adds an acceptance: someone takes responsibility for a risk
#   instead of mitigating it. That decision deserves its own review.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-MODEL-004
#   severity: medium
#   stride:
#     - repudiation
#   remediation: |
#     Review the reason, the approver and the expiry date of the acceptance
#     before merging.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": acceptance.id,
	"surface": object.get(acceptance, "surface", ""),
	"message": sprintf("the change adds acceptance %s: + %s of %s by %q until %s: %s", [
		acceptance.id, _kind(acceptance), _target(acceptance),
		acceptance.approved_by, acceptance.expires, acceptance.reason,
	]),
	"location": acceptance.location,
}) if {
	is_object(input.base)
	some acceptance in input.model.acceptances
	not acceptance.id in _base_acceptances
}

_describe(m) := sprintf("%s %q [%s] mitigates %v, evidence %v", [m.id, m.title, m.status, m.mitigates, m.evidence])

_kind(a) := "threat" if a.threat

_kind(a) := "surface" if not a.threat

_target(a) := object.get(a, "threat", object.get(a, "surface", ""))
