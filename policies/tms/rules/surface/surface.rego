# METADATA
# title: Surface the threat model does not know
# description: |
#   Attack surface found in the repository must be acknowledged in the threat
#   model before it ships, so that someone has looked at it.
package tms.rules.surface

import data.tms.lib

# The model acknowledges an item until it is marked removed.
_acknowledged := {entry.id |
	some entry in input.model.surface
	entry.status != "removed"
}

_entries := {entry.id: entry | some entry in input.model.surface}

# METADATA
# title: Surface not in the threat model
# description: |
#   A surface item exists in the repository but the threat model neither lists
#   it nor accepts it. Severity follows exposure: public or unknown entry points
#   are high, internal ones medium, dependencies low, everything else medium.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: OWASP threat modeling process
# custom:
#   id: TMS-SURFACE-001
#   severity: high
#   stride:
#     - spoofing
#     - tampering
#     - information_disclosure
#     - denial_of_service
#     - elevation_of_privilege
#   remediation: |
#     Add the item to the surface section of the threat model, review the
#     threats it brings, and record how each is mitigated or who accepts it.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.surface_severity(item),
	"surface": item.id,
	"subject": item.id,
	"new_surface": true,
	"message": _unmodeled_message(item),
	"location": item.location,
}) if {
	some item in input.surface
	not item.id in _acknowledged
	not item.id in lib.accepted_surface
	not item.kind in lib.dedicated_new_surface_kinds
}

# METADATA
# title: File tms could not read
# description: |
#   An extractor matched a file but could not parse it, so any surface the file
#   declares is unseen. Unseen surface is unreviewed surface.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/1059.html
#     description: "CWE-1059 Insufficient Technical Documentation"
# custom:
#   id: TMS-SURFACE-002
#   severity: medium
#   stride:
#     - tampering
#   remediation: |
#     Fix the file so that it parses, or exclude it in .tms.yaml with a reason
#     if it is not part of what ships.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": diagnostic.location.path,
	"message": sprintf("%s could not read this file: %s", [diagnostic.extractor, diagnostic.message]),
	"location": diagnostic.location,
}) if {
	some diagnostic in input.repo.diagnostics
}

_unmodeled_message(item) := sprintf("%s %q is not in the threat model (exposure %s)", [item.kind, item.name, item.exposure]) if {
	item.kind in lib.entry_point_kinds
}

_unmodeled_message(item) := sprintf("%s %q is not in the threat model", [item.kind, item.name]) if {
	not item.kind in lib.entry_point_kinds
}

# METADATA
# title: Modeled surface changed
# description: |
#   A surface item has changed since the model recorded it: its security
#   fingerprint (kind, exposure and attributes other than version numbers)
#   differs from the one in the model. For a reviewed item the review no
#   longer holds. An unreviewed item is reported only when its exposure
#   widened (from internal to public or unknown): newly exposed surface is
#   new risk, not backlog. Severity is high when the exposure widened, medium
#   otherwise.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-SURFACE-003
#   severity: medium
#   stride:
#     - spoofing
#     - tampering
#     - information_disclosure
#     - elevation_of_privilege
#   remediation: |
#     Review the item again, then record its new fingerprint with tms sync
#     and set its status back to reviewed.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": _change_severity(entry, item),
	"surface": item.id,
	"subject": item.id,
	"new_surface": _widened(entry, item),
	"message": _change_message(entry, item),
	"location": item.location,
}) if {
	some item in input.surface
	entry := _entries[item.id]
	entry.fingerprint
	entry.fingerprint != item.fingerprint
	_change_matters(entry, item)
	not lib.answered(rego.metadata.rule(), item.id)
}

_change_matters(entry, _) if entry.status == "reviewed"

_change_matters(entry, item) if {
	entry.status == "unreviewed"
	_widened(entry, item)
}

_widened(entry, item) if {
	entry.exposure == "internal"
	item.exposure != "internal"
} else := false

_change_severity(entry, item) := "high" if _widened(entry, item)

_change_severity(entry, item) := "medium" if not _widened(entry, item)

_change_message(entry, item) := sprintf("%s %q changed since %s: exposure %s to %s", [
	item.kind, item.name, _since(entry), entry.exposure, item.exposure,
]) if {
	object.get(entry, "exposure", item.exposure) != item.exposure
}

_change_message(entry, item) := sprintf("%s %q changed since %s", [item.kind, item.name, _since(entry)]) if {
	object.get(entry, "exposure", item.exposure) == item.exposure
}

_since(entry) := "review" if entry.status == "reviewed"

_since(entry) := "the model recorded it" if entry.status != "reviewed"

# Only a base with a model counts as a change: the change that adds the
# first model is a baseline, whose unreviewed entries are a backlog.
_base_has_model if count(input.base.model.surface) > 0

# METADATA
# title: Surface added to the model without review
# description: |
#   With --base: the change lists a surface item in the model as unreviewed
#   that the model at the base did not list, had marked removed, or had
#   reviewed, or one whose exposure the change widened (internal at the
#   base, public or unknown now) whatever the model recorded. tms sync writes
#   new and changed surface this way, so the item is in the model, but no
#   person has looked at it yet: it counts as new surface, at the severity of
#   its exposure, until someone reviews it, a mitigation covers it or an
#   acceptance answers it.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: OWASP threat modeling process
# custom:
#   id: TMS-SURFACE-005
#   severity: high
#   stride:
#     - spoofing
#     - tampering
#     - information_disclosure
#     - denial_of_service
#     - elevation_of_privilege
#   remediation: |
#     Have a person review the item and the threats it brings, and set its
#     status to reviewed with reviewed_by, or record how it is mitigated or who
#     accepts it.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.surface_severity(item),
	"surface": item.id,
	"subject": item.id,
	"new_surface": true,
	"message": sprintf("%s %q %s", [item.kind, item.name, _unreviewed_change(item)]),
	"location": item.location,
}) if {
	_base_has_model
	some item in input.surface
	entry := _entries[item.id]
	entry.status == "unreviewed"
	_unreviewed_in_change(entry, item)
	not lib.answered(rego.metadata.rule(), item.id)
}

_base_entries := {entry.id: entry | some entry in input.base.model.surface}

_unreviewed_in_change(_, item) if not item.id in lib.base_unreviewed

# An entry the base already had unreviewed is backlog, unless the change
# widened the item's exposure: tms sync records the new exposure and
# fingerprint, after which TMS-SURFACE-003 no longer sees a change, so the
# widening is judged against the base's surface, not against the model.
# When the model still records the old fingerprint, TMS-SURFACE-003 reports
# the widening itself.
_unreviewed_in_change(entry, item) if {
	_widened_since_base(item)
	not _reported_as_changed(entry, item)
}

_reported_as_changed(entry, item) if {
	entry.fingerprint
	entry.fingerprint != item.fingerprint
	_widened(entry, item)
}

_base_exposure := {item.id: object.get(item, "exposure", "unknown") | some item in input.base.surface}

_widened_since_base(item) if {
	_base_exposure[item.id] == "internal"
	object.get(item, "exposure", "unknown") != "internal"
}

_unreviewed_change(item) := "was reviewed, and is set back to unreviewed in this change" if {
	_base_entries[item.id].status == "reviewed"
} else := sprintf("exposure widened from internal to %s in this change, and nobody has reviewed it", [
	object.get(item, "exposure", "unknown"),
]) if {
	_widened_since_base(item)
	item.id in lib.base_unreviewed
} else := "is added to the threat model in this change, unreviewed"

_present := {item.id | some item in input.surface}

# METADATA
# title: Modeled surface gone from the repository
# description: |
#   The model lists a surface item that the repository no longer has. The
#   threats and mitigations written for it may be stale.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-SURFACE-004
#   severity: info
#   stride:
#     - tampering
#   remediation: |
#     Run tms sync to mark the item removed, and retire the threats and
#     mitigations that only applied to it.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": entry.id,
	"message": sprintf("%s is in the threat model but no longer in the repository", [entry.id]),
	"location": entry.location,
}) if {
	some entry in input.model.surface
	entry.status != "removed"
	not entry.id in _present
}

# METADATA
# title: Reviewed surface bound to no fingerprint
# description: |
#   The model marks a surface item reviewed but its entry has no fingerprint,
#   so the review is bound to nothing: when the item changes, even to public
#   exposure, TMS-SURFACE-003 cannot see it and tms diff cannot list it. tms
#   sync never adds the fingerprint, because recording today's would approve
#   the item as it is now.
# related_resources:
#   - ref: https://owasp.org/www-community/Threat_Modeling_Process
#     description: "OWASP threat modeling process"
# custom:
#   id: TMS-SURFACE-006
#   severity: low
#   stride:
#     - tampering
#     - repudiation
#   remediation: |
#     Check the item as it is now, then copy the exposure and fingerprint
#     that tms diff shows for it into the entry; or set the entry back to
#     unreviewed until someone has looked at it.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %q is reviewed, but its entry has no fingerprint: the review is bound to nothing, so a change to the item would go unreported", [item.kind, item.name]),
	"location": entry.location,
}) if {
	some item in input.surface
	entry := _entries[item.id]
	entry.status == "reviewed"
	object.get(entry, "fingerprint", "") == ""
}
