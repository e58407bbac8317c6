package tms.rules.workflows

import data.tms.lib

# The tag of an image reference: what follows the last colon after the last
# slash, so that a registry port (registry:5000/app) is not taken for one.
_image_tag(image) := tag if {
	parts := split(split(image, "@")[0], "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	tag := substring(last, indexof(last, ":") + 1, -1)
} else := ""

_floating_image(image) if _image_tag(image) in {"", "latest"}

_image_impact(image) := "medium" if _floating_image(image)

else := "low"

# METADATA
# title: GitLab CI job image not pinned by digest
# description: |
#   A GitLab CI job (or the default section it inherits) runs in an image
#   named by tag only, so what runs with the job's variables, tokens and
#   deployment rights can change without a change to the pipeline, and a
#   compromised registry account changes it for every pipeline. Low; medium
#   when the image is tagged latest or not tagged, which floats on every
#   push. An image given by a variable is not judged: tms cannot tell what
#   it names.
# related_resources:
#   - ref: https://docs.gitlab.com/ci/yaml/#image
#     description: "GitLab CI/CD YAML syntax: image"
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#     description: "OWASP CI/CD Top 10, CICD-SEC-3: Dependency Chain Abuse"
# custom:
#   id: TMS-CI-008
#   severity: low
#   stride:
#     - tampering
#   remediation: |
#     Pin the image by digest (image: node:22@sha256:...) and let a bot such
#     as Renovate propose digest updates.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, _image_impact(image)),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s runs in image %q, not pinned by digest", [item.name, image]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "ci.job"
	item.attributes.image_pinned == false
	image := item.attributes.image
	image != ""
	not contains(image, "$")
	not lib.answered(rego.metadata.rule(), item.id)
}

# What a GitLab job holds that a merge request's author could take: the
# names of its external secrets, and its deployment environment.
_gitlab_privileges(job) := array.concat(
	[sprintf("secrets %s", [concat(", ", job.attributes.secrets)]) | count(job.attributes.secrets) > 0],
	[sprintf("environment %s", [job.attributes.environment]) | job.attributes.environment != ""],
)

# METADATA
# title: GitLab CI job with secrets runs for merge requests
# description: |
#   A GitLab CI job that runs in merge request pipelines, and whose rules do
#   not limit it to protected refs (CI_COMMIT_REF_PROTECTED), reads external
#   secrets or deploys to an environment. Anyone who can push a branch and
#   open a merge request then runs their own script with those secrets or
#   that deployment's variables: unprotected CI/CD variables reach every
#   branch. Medium: the people who can push a branch are members of the
#   project, and merge request pipelines from forks run in the fork unless
#   the project runs them in its own.
# related_resources:
#   - ref: https://docs.gitlab.com/ci/variables/#protect-a-cicd-variable
#     description: "GitLab Docs: protect a CI/CD variable"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-04-Poisoned-Pipeline-Execution
#     description: "OWASP CI/CD Top 10, CICD-SEC-4: Poisoned Pipeline Execution"
#   - ref: https://cwe.mitre.org/data/definitions/522.html
#     description: "CWE-522: Insufficiently Protected Credentials"
# custom:
#   id: TMS-CI-009
#   severity: medium
#   stride:
#     - information_disclosure
#     - elevation_of_privilege
#   remediation: |
#     Run the job only on protected refs (rules: - if: $CI_COMMIT_REF_PROTECTED
#     == "true"), mark its variables protected in the project's CI/CD
#     settings, and give merge request pipelines a job without secrets.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "medium"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s runs in merge request pipelines with %s, and is not limited to protected refs", [item.name, concat(" and ", privileges)]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "ci.job"
	item.attributes.merge_requests == true
	item.attributes.protected == false
	privileges := _gitlab_privileges(item)
	count(privileges) > 0
	not lib.answered(rego.metadata.rule(), item.id)
}
