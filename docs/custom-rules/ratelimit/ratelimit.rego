# METADATA
# title: Rate limiting for public entry points
# description: |
#   Team rules of the payments group: every entry point that the internet can
#   reach must be covered by a mitigation against request flooding.
package tms.rules.payments

import data.tms.lib

# The kinds this team checks; .tms.yaml can narrow them under
# data.ratelimit.kinds.
_kinds := {kind | some kind in data.tms.config.ratelimit.kinds} if {
	data.tms.config.ratelimit.kinds
} else := lib.entry_point_kinds

# Threats of denial of service, and the implemented mitigations that name one.
_dos_threats := {threat.id |
	some threat in input.model.threats
	"denial_of_service" in threat.stride
}

_rate_limits := {mitigation.id |
	some mitigation in input.model.mitigations
	mitigation.status == "implemented"
	some threat_id in mitigation.mitigates
	threat_id in _dos_threats
}

# METADATA
# title: Public entry point without rate limiting
# description: |
#   An entry point whose exposure is public or unknown is not covered by an
#   implemented mitigation of a denial-of-service threat.
# custom:
#   id: PAY-RATE-001
#   severity: high
#   stride:
#     - denial_of_service
#   remediation: |
#     Put the entry point behind the shared rate limiter and record it as a
#     mitigation of the request-flooding threat whose covers match its id.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s has no rate limiting", [item.name]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind in _kinds
	item.exposure != "internal"
	not _rate_limited(item.id)
}

_rate_limited(item_id) if {
	some mitigation_id in input.coverage[item_id].mitigations
	mitigation_id in _rate_limits
}
