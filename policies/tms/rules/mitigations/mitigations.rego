# METADATA
# title: Mitigations whose evidence is gone
# description: |
#   A mitigation marked implemented points at evidence in the repository: the
#   file that holds the control. When that evidence disappears, someone has
#   likely removed the control, and the threats it answered are open again.
package tms.rules.mitigations

import data.tms.lib

# METADATA
# title: Mitigation evidence missing
# description: |
#   An implemented mitigation lists an evidence path or glob that matches no
#   file in the repository.
# custom:
#   id: TMS-MITIGATION-001
#   severity: high
#   stride:
#     - tampering
#   remediation: |
#     Restore the control, or point the mitigation's evidence at where the
#     control lives now. If the control is gone for good, set the mitigation's
#     status back to planned and reassess the threats it mitigates.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": mitigation.id,
	"message": sprintf("mitigation %s %q: evidence %q matches no file in the repository", [mitigation.id, mitigation.title, pattern]),
	"location": mitigation.location,
}) if {
	some mitigation in input.model.mitigations
	mitigation.status == "implemented"
	some pattern in mitigation.evidence
	count(object.get(input.repo.evidence, pattern, [])) == 0
}

# METADATA
# title: Implemented mitigation without evidence
# description: |
#   A mitigation is marked implemented but lists no evidence, so nothing in
#   the repository shows that the control exists or notices when it goes.
# custom:
#   id: TMS-MITIGATION-002
#   severity: medium
#   stride:
#     - tampering
#   remediation: |
#     List the files that implement the control under the mitigation's
#     evidence, as paths or globs relative to the repository root.
deny contains lib.finding(rego.metadata.rule(), {
	"subject": mitigation.id,
	"message": sprintf("mitigation %s %q is implemented but names no evidence", [mitigation.id, mitigation.title]),
	"location": mitigation.location,
}) if {
	some mitigation in input.model.mitigations
	mitigation.status == "implemented"
	count(mitigation.evidence) == 0
}
