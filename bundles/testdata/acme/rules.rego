package tms.rules.acme

import data.tms.lib

# METADATA
# title: Banned dependency
# description: >-
#   A dependency the organisation has banned (data.tms.rules.acme.banned),
#   for example after a supply-chain incident.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/1357.html
#     description: CWE-1357
# custom:
#   id: ACME-DEP-001
#   severity: high
#   stride: [tampering]
#   remediation: Replace the dependency with one the organisation approves.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s is banned by the organisation", [item.name]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "dependency"
	item.name in data.tms.rules.acme.banned
}

# METADATA
# title: Direct dependency to review
# description: Every dependency, low; repositories may switch it off.
# custom:
#   id: ACME-DEP-002
#   severity: low
#   stride: [tampering]
#   remediation: Review the dependency.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("dependency %s", [item.name]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "dependency"
}
