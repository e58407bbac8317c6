package tms.rules.standalone

# A rule that builds its finding without tms's library, so that opa build,
# which compiles a bundle on its own, can build it.

# METADATA
# title: Dependency without a version
# description: A dependency whose manifest gives no version.
# custom:
#   id: STANDALONE-DEP-001
#   severity: low
#   stride: [tampering]
#   remediation: Pin a version.
deny contains {
	"rule": "STANDALONE-DEP-001",
	"surface": item.id,
	"message": sprintf("%s has no version", [item.name]),
	"location": item.location,
} if {
	some item in input.surface
	item.kind == "dependency"
	object.get(item.attributes, "version", "") == ""
}
