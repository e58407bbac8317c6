# METADATA
# title: Risk acceptances that no longer hold
# description: |
#   An acceptance lets a person take responsibility for a risk until a date.
#   Without an approver nobody took it; after the date nobody holds it.
package tms.rules.acceptances

import data.tms.lib

# METADATA
# title: Acceptance expired
# description: |
#   The acceptance's expiry date has passed, so the risk it covered is no
#   longer accepted by anyone.
# related_resources:
#   - ref: https://owasp.org/www-project-samm/
#     description: "OWASP SAMM, risk acceptance reviewed periodically"
#   - ref: https://cwe.mitre.org/data/definitions/1053.html
#     description: "CWE-1053 Missing Documentation for Design"
# custom:
#   id: TMS-ACCEPT-001
#   severity: high
#   stride:
#     - repudiation
#   remediation: |
#     Mitigate the risk, or have an approver review it again and record a new
#     expiry date.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": acceptance.id,
	"surface": object.get(acceptance, "surface", ""),
	"message": sprintf("acceptance %s of %s expired on %s", [acceptance.id, _target(acceptance), acceptance.expires]),
	"location": acceptance.location,
}) if {
	some acceptance in input.model.acceptances
	_dated(acceptance)
	acceptance.expires < input.config.today
}

# METADATA
# title: Acceptance without approver
# description: |
#   The acceptance names no approver, so no person is accountable for the
#   risk it accepts.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/1053.html
#     description: "CWE-1053 Missing Documentation for Design"
#   - ref: https://owasp.org/www-project-samm/
#     description: "OWASP SAMM, named owners for accepted risk"
# custom:
#   id: TMS-ACCEPT-002
#   severity: high
#   stride:
#     - repudiation
#   remediation: |
#     Set approved_by to the person who accepts the risk. tms never fills this
#     field itself.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": acceptance.id,
	"surface": object.get(acceptance, "surface", ""),
	"message": sprintf("acceptance %s of %s has no approver", [acceptance.id, _target(acceptance)]),
	"location": acceptance.location,
}) if {
	some acceptance in input.model.acceptances
	trim_space(object.get(acceptance, "approved_by", "")) == ""
}

# METADATA
# title: Acceptance without expiry
# description: |
#   The acceptance has no expiry date, or one not written YYYY-MM-DD, so it
#   would never be reviewed again.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/1053.html
#     description: "CWE-1053 Missing Documentation for Design"
# custom:
#   id: TMS-ACCEPT-003
#   severity: high
#   stride:
#     - repudiation
#   remediation: |
#     Set expires to the date (YYYY-MM-DD) by which the risk must be reviewed.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": acceptance.id,
	"surface": object.get(acceptance, "surface", ""),
	"message": sprintf("acceptance %s of %s has %s", [acceptance.id, _target(acceptance), _expiry_problem(acceptance)]),
	"location": acceptance.location,
}) if {
	some acceptance in input.model.acceptances
	not _dated(acceptance)
}

# METADATA
# title: Acceptance lapsed because the surface changed
# description: |
#   The acceptance was recorded for a surface item with a given security
#   fingerprint, and the item has changed or gone since. What was accepted is
#   no longer what is there.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/1053.html
#     description: "CWE-1053 Missing Documentation for Design"
# custom:
#   id: TMS-ACCEPT-004
#   severity: high
#   stride:
#     - repudiation
#     - tampering
#   remediation: |
#     Have an approver look at the item as it is now and record a new
#     acceptance with tms accept, or mitigate the risk.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": acceptance.id,
	"surface": acceptance.surface,
	"message": sprintf("acceptance %s of surface %s lapsed: the item changed since it was accepted", [acceptance.id, acceptance.surface]),
	"location": acceptance.location,
}) if {
	some acceptance in input.model.acceptances
	lib.lapsed(acceptance)
}

# METADATA
# title: Acceptance runs past the allowed maximum
# description: |
#   The acceptance expires further ahead than max_acceptance_days allows
#   (180 days unless .tms.yaml says otherwise). tms accept refuses such a
#   date; one written into the model by hand would otherwise hold a risk
#   unreviewed for years.
# related_resources:
#   - ref: https://owasp.org/www-project-samm/
#     description: "OWASP SAMM, risk acceptance reviewed periodically"
#   - ref: https://cwe.mitre.org/data/definitions/1053.html
#     description: "CWE-1053 Missing Documentation for Design"
# custom:
#   id: TMS-ACCEPT-005
#   severity: high
#   stride:
#     - repudiation
#   remediation: |
#     Set expires to a date no more than max_acceptance_days from today, and
#     have the approver review the risk again by then.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": acceptance.id,
	"surface": object.get(acceptance, "surface", ""),
	"message": sprintf(
		"acceptance %s of %s expires on %s, more than %d days from %s (at most %s)",
		[acceptance.id, _target(acceptance), acceptance.expires, input.config.max_acceptance_days, input.config.today, _latest_expiry],
	),
	"location": acceptance.location,
}) if {
	some acceptance in input.model.acceptances
	_dated(acceptance)
	acceptance.expires > _latest_expiry
}

# Dates written YYYY-MM-DD order as strings, so only today, which tms
# itself supplies, is ever parsed: an expiry in any other shape is reported
# by TMS-ACCEPT-003 rather than stopping the evaluation.
_dated(acceptance) if regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, object.get(acceptance, "expires", ""))

_expiry_problem(acceptance) := "no expiry date" if object.get(acceptance, "expires", "") == ""

_expiry_problem(acceptance) := sprintf("expiry %q, which is not a date (expected YYYY-MM-DD)", [acceptance.expires]) if {
	acceptance.expires != ""
	not _dated(acceptance)
}

# The last expiry date the configured maximum allows, counted from today.
_latest_expiry := time.format([
	time.add_date(time.parse_ns("2006-01-02", input.config.today), 0, 0, input.config.max_acceptance_days),
	"UTC", "2006-01-02",
])

_target(acceptance) := sprintf("threat %s", [acceptance.threat]) if acceptance.threat

_target(acceptance) := sprintf("surface %s", [acceptance.surface]) if acceptance.surface
