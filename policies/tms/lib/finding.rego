# METADATA
# title: Finding construction and the severity model
# description: |
#   Helpers shared by every rule: the one constructor for findings, the
#   severity model that ranks surface by exposure, and the sets of threats and
#   surface items covered by a valid acceptance.
package tms.lib

# Findings carry the rule's own METADATA id, so a rule never repeats its id in
# code. The fields a rule passes win over the defaults from its metadata.
finding(meta, fields) := object.union(reported, backlog(reported)) if {
	reported := object.union(
		{
			"rule": meta.custom.id,
			"severity": meta.custom.severity,
			"stride": meta.custom.stride,
			"surface": "",
			"subject": "",
			"new_surface": false,
			"backlog": false,
			"location": {"path": "", "line": 0},
		},
		fields,
	)
}

surface_status := {entry.id: entry.status | some entry in input.model.surface}

# backlog caps at medium a finding about a surface item that the model lists
# but nobody has reviewed yet: a fresh baseline warns about what was already
# there, and blocks on what changes. Once a person marks the item reviewed,
# its findings count at full severity. Findings about a person's own entries
# (an acceptance, a mitigation) name that entry as subject and are not capped.
# Nor are findings of an organisation's protected rules: listing an item as
# unreviewed is the repository's own say, and must not lower a rule that its
# bundle does not let the repository weaken.
backlog(f) := {"severity": lower(f.severity, "medium"), "backlog": true} if _about_unreviewed(f)

backlog(f) := {} if not _about_unreviewed(f)

# A finding that reports the item as new surface is never backlog: an entry
# that a change adds to the model unreviewed is change, not backlog.
_about_unreviewed(f) if {
	surface_status[f.surface] == "unreviewed"
	not f.rule in protected_rules
	f.subject in {"", f.surface}
	not f.new_surface
	not _recorded_by_the_change(f.surface)
}

# In a change (--base), an entry is backlog only if the model at the base
# already listed it unreviewed: one that the change records unreviewed, as
# tms sync does, would otherwise cap at medium every finding about the
# surface the change adds. A base without a model is a baseline, whose
# unreviewed entries are all backlog.
_recorded_by_the_change(id) if {
	count(input.base.model.surface) > 0
	not id in base_unreviewed
}

# base_unreviewed lists the entries the model at the base left unreviewed
# about surface the base had: an entry written before its item exists (in
# an earlier change) is not an existing backlog, and must not cap the
# findings about the item once a later change adds it.
base_unreviewed := {entry.id |
	some entry in input.base.model.surface
	entry.status == "unreviewed"
	entry.id in _base_surface
}

_base_surface := {item.id | some item in input.base.surface}

# protected_rules are the ids of the bundle rules that a repository may not
# weaken (those not in their bundle's overridable list); the engine passes
# them at data.tms.protected_rules.
protected_rules := {id | some id in data.tms.protected_rules}

severities := ["info", "low", "medium", "high", "critical"]

severity_rank := {s: i | some i, s in severities}

# rank is a severity's place in severities. A severity that is unset or
# unknown (a threat written or imported without one) ranks as high: a
# missing field must never make a rule drop its finding, and nobody has
# said the threat is less than high.
rank(severity) := object.get(severity_rank, severity, severity_rank.high)

# known_severity is the severity itself, or high when it is unset or unknown.
known_severity(severity) := severities[rank(severity)]

# lower returns the less severe of two severities.
lower(a, b) := known_severity(a) if rank(a) <= rank(b)

lower(a, b) := known_severity(b) if rank(a) > rank(b)

# surface_severity ranks unmodeled surface with the severity model: an entry
# point can be attacked directly (high impact); a dependency or a component
# carries someone's code or the system's data (medium impact). So a public
# or unknown entry point is high, an internal one medium, a dependency low
# and a component medium.
surface_severity(item) := risk(exposure_of(item), _surface_impact(item))

_surface_impact(item) := "high" if item.kind in entry_point_kinds

_surface_impact(item) := "medium" if not item.kind in entry_point_kinds

items_by_id := {item.id: item | some item in input.surface}

# An acceptance counts only while it has an approver, has not expired and,
# when tms bound it to a fingerprint, the item has not changed since.
# Dates are ISO 8601 (YYYY-MM-DD), so string order is date order.
valid_acceptance(a) if {
	trim_space(a.approved_by) != ""
	a.expires != ""
	a.expires >= input.config.today
	not lapsed(a)
}

# lapsed holds for a surface acceptance whose item changed since it was
# accepted, or is gone.
lapsed(a) if {
	a.fingerprint
	object.get(items_by_id, [a.surface, "fingerprint"], "") != a.fingerprint
}

accepted_threats := {a.threat |
	some a in input.model.acceptances
	valid_acceptance(a)
}

accepted_surface := {a.surface |
	some a in input.model.acceptances
	valid_acceptance(a)
}

mitigations_by_id := {mitigation.id: mitigation | some mitigation in input.model.mitigations}

# answers_of says, per implemented mitigation, what it answers: the STRIDE
# categories of the threats it mitigates, and those threat ids, so that a
# threat named after a rule (id TMS-CONTAINER-001) answers that rule alone.
answers_of := {mitigation.id: {"stride": stride, "threats": {id | some id in mitigation.mitigates}} |
	some mitigation in input.model.mitigations
	mitigation.status == "implemented"
	stride := {s | some threat_id in mitigation.mitigates; some s in threat_stride[threat_id]}
}

threat_stride := {threat.id: threat.stride | some threat in input.model.threats}

# covered holds when an implemented mitigation's covers globs match the item
# and the mitigation answers the rule: one of its threats shares a STRIDE
# category with the rule, or is named after the rule's id. A mitigation of a
# repudiation threat says nothing about a container running as root. The
# engine resolves the globs once into input.coverage; the lookups stay linear.
covered(meta, item_id) if {
	some mitigation_id in input.coverage[item_id].mitigations
	some category in meta.custom.stride
	category in answers_of[mitigation_id].stride
}

covered(meta, item_id) if {
	some mitigation_id in input.coverage[item_id].mitigations
	meta.custom.id in answers_of[mitigation_id].threats
}

# answered holds when a person has dealt with the item for the rule that
# passes its own metadata (rego.metadata.rule()): a mitigation covers it as
# covered says, or a valid acceptance names it. Rules about a single surface
# item stay silent when it holds.
answered(meta, item_id) if covered(meta, item_id)

answered(_, item_id) if item_id in accepted_surface
