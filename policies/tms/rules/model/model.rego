# METADATA
# title: Changes to the threat model itself
# description: |
#   With --base, tms sees the model as it was where the change started. A
#   change that weakens the model (a mitigation removed or narrowed, a
#   threat deleted, narrowed, its severity lowered or its review withdrawn,
#   a risk accepted or an acceptance extended) needs a person to review that
#   edit as carefully as the code: each is reported with the edit itself.
package tms.rules.model

import data.tms.lib

_base_mitigations := {m.id: m | some m in input.base.model.mitigations}

_head_mitigations := {m.id: m | some m in input.model.mitigations}

_base_threats := {t.id: t | some t in input.base.model.threats}

_base_acceptances := {a.id: a | some a in input.base.model.acceptances}

_head_threats := {t.id: t | some t in input.model.threats}

_status_rank := {"proposed": 0, "planned": 1, "implemented": 2}

_head_surface_ids := {item.id | some item in input.surface}

# _no_longer_named is, by [field, id], the surface present on both sides of
# the change that the base model's mitigation or threat id named through its
# globs (coverage field "mitigations" or "threats") and the head's no longer
# does. Comparing what the globs match, not how they are written, lets a
# list of ids give way to a glob that matches them all. One pass over the
# base's coverage, grouped by an assigned comprehension (which OPA indexes)
# over each distinct key once, keeps the cost linear in the coverage, not
# in mitigations times surface, on a monorepo's model.
_no_longer_named := {[field, id]: surface |
	some [field, id] in {[t[0], t[1]] | some t in _unnamed}
	surface := {s | some t in _unnamed; t[0] == field; t[1] == id; s := t[2]}
}

_unnamed := {[field, id, surface] |
	some surface, named in object.get(input.base, "coverage", {})
	surface in _head_surface_ids
	some field in ["mitigations", "threats"]
	some id in named[field]
	not id in object.get(input.coverage, [surface, field], [])
}

# METADATA
# title: Mitigation removed from the model
# description: |
#   An implemented or planned mitigation that the model had at the base of
#   the change is gone from it. The threats it answered may be open again.
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
	_status_rank[mitigation.status] > 0
	not _head_mitigations[id]
}

# METADATA
# title: Mitigation weakened
# description: |
#   The change keeps a mitigation but makes it claim less: a weaker status
#   (implemented to planned or proposed), fewer threats mitigated, surface
#   its globs no longer cover, evidence taken off its list, or its control
#   removed or replaced. Each edit is named.
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
#     Check with the mitigation's owner why the control was narrowed, and
#     whether the threats and surface it no longer answers need another
#     mitigation.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": id,
	"message": sprintf("the change weakens mitigation %s: %s", [id, concat("; ", edits)]),
	"location": after.location,
}) if {
	some id, after in _head_mitigations
	before := _base_mitigations[id]
	edits := _weakenings(id, before, after)
	count(edits) > 0
}

_weakenings(id, before, after) := [edit |
	some edit in [
		_status_edit(before, after),
		_dropped_edit("mitigates", before, after),
		_uncovered_edit(id),
		_dropped_edit("evidence", before, after),
		_control_edit(before, after),
	]
	edit != ""
]

_uncovered_edit(id) := sprintf("covers - %v", [surface]) if {
	surface := _no_longer_named[["mitigations", id]]
} else := ""

# A control is what the policies check on the covered surface; without it,
# or with another, the mitigation is no longer verified as it was.
_control_edit(before, after) := sprintf("control %q -> %q", [before.control, _field(after, "control")]) if {
	_field(before, "control") != ""
	_field(after, "control") != before.control
} else := ""

_status_edit(before, after) := sprintf("status %s -> %s", [before.status, after.status]) if {
	_status_rank[after.status] < _status_rank[before.status]
} else := ""

# _dropped_edit names the entries of a list field that the change took out.
_dropped_edit(field, before, after) := sprintf("%s - %v", [field, dropped]) if {
	dropped := _sorted_set(object.get(before, field, [])) - _sorted_set(object.get(after, field, []))
	count(dropped) > 0
} else := ""

_sorted_set(list) := {x | some x in list}

# METADATA
# title: Threat severity lowered
# description: |
#   The change lowers the severity of a threat, or removes it, which lowers
#   the severity of every finding about it. A threat without a severity
#   counts as high, so removing critical lowers it, and removing any other
#   severity leaves the threat rated by nobody.
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
#     Have the threat's reviewer confirm the new severity and record why, or
#     put the severity back.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": threat.id,
	"message": message,
	"location": threat.location,
}) if {
	some threat in input.model.threats
	before := _base_threats[threat.id]
	before.severity in lib.severities
	message := _severity_change(before, threat)
}

_severity_change(before, after) := sprintf("the change removes the severity of threat %s (was %s)", [
	after.id, before.severity,
]) if {
	not after.severity in lib.severities
}

_severity_change(before, after) := sprintf("the change lowers threat %s from %s to %s", [
	after.id, before.severity, after.severity,
]) if {
	lib.severity_rank[after.severity] < lib.severity_rank[before.severity]
}

# METADATA
# title: Risk acceptance added or extended
# description: |
#   The change adds an acceptance, or edits one to last longer, to name
#   another approver, or to cover another threat or surface item: someone
#   takes responsibility for a risk instead of mitigating it. That decision
#   deserves its own review.
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
	"message": message,
	"location": acceptance.location,
}) if {
	is_object(input.base)
	some acceptance in input.model.acceptances
	message := _acceptance_change(acceptance)
}

_acceptance_change(a) := sprintf("the change adds acceptance %s: + %s of %s by %q until %s: %s", [
	a.id, _kind(a), _target(a), a.approved_by, a.expires, a.reason,
]) if {
	not _base_acceptances[a.id]
}

_acceptance_change(after) := sprintf("the change edits acceptance %s: %s", [after.id, concat("; ", edits)]) if {
	before := _base_acceptances[after.id]
	edits := [sprintf("%s %q -> %q", [field, _field(before, field), _field(after, field)]) |
		some field in ["expires", "approved_by", "threat", "surface"]
		_extends(field, before, after)
	]
	count(edits) > 0
}

_field(a, field) := object.get(a, field, "")

# An earlier expiry or a reason reworded narrows nothing; any other edit of
# what is accepted, by whom or until when is a new decision.
_extends("expires", before, after) if _field(after, "expires") > _field(before, "expires")

_extends(field, before, after) if {
	field != "expires"
	_field(after, field) != _field(before, field)
}

# METADATA
# title: Threat deleted or its review withdrawn
# description: |
#   A threat that the model had at the base of the change is deleted from
#   it, or one that a person had reviewed is set back to unreviewed.
#   Findings about a reviewed threat count at its full severity; an
#   unreviewed one is backlog, and a deleted one is not checked at all, so
#   each edit quietens the gate.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-MODEL-005
#   severity: medium
#   stride:
#     - tampering
#     - repudiation
#   remediation: |
#     Have the threat's reviewer confirm that it no longer applies, or keep it
#     and answer it with a mitigation or an acceptance.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": id,
	"message": sprintf("the change %s threat %s %q, which was %s", [_withdrawal(id), id, before.title, before.status]),
	"location": _threat_location(id, before),
}) if {
	some id, before in _base_threats
	_withdrawn(id, before)
}

_withdrawn(id, before) if {
	before.status == "reviewed"
	object.get(_head_threats, [id, "status"], "") != "reviewed"
}

_withdrawn(id, _) if not _head_threats[id]

_withdrawal(id) := "sets back to unreviewed" if _head_threats[id]

_withdrawal(id) := "deletes" if not _head_threats[id]

_threat_location(id, _) := _head_threats[id].location

_threat_location(id, before) := {"path": before.location.path, "line": 0} if {
	not _head_threats[id]
}

# METADATA
# title: Reviewed threat narrowed
# description: |
#   The change keeps a reviewed threat but its applies_to no longer matches
#   surface it matched at the base, so the threat and its findings stop
#   applying there. Compared by the surface ids the globs match, so a glob
#   that replaces a list of ids it covers is not reported.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-MODEL-006
#   severity: medium
#   stride:
#     - tampering
#     - repudiation
#   remediation: |
#     Have the threat's reviewer confirm that it no longer applies to the
#     surface listed, or widen applies_to again.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": id,
	"message": sprintf("the change narrows reviewed threat %s %q: applies_to - %v", [id, after.title, surface]),
	"location": after.location,
}) if {
	some id, after in _head_threats
	after.status == "reviewed"
	_base_threats[id]
	surface := _no_longer_named[["threats", id]]
}

_describe(m) := sprintf("%s %q [%s] mitigates %v, evidence %v", [m.id, m.title, m.status, m.mitigates, m.evidence])

_kind(a) := "threat" if a.threat

_kind(a) := "surface" if not a.threat

_target(a) := object.get(a, "threat", object.get(a, "surface", ""))
