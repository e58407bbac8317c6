# METADATA
# title: Container images
# description: |
#   What an image runs as and what it is built from decide what an attacker
#   who reaches it, or who controls one of its sources, can do.
package tms.rules.containers

import data.tms.lib

# METADATA
# title: Image runs as root
# description: |
#   The final stage of a Dockerfile sets no USER, or sets root (UID 0), or a
#   user given by a build argument that tms cannot resolve. A process that is
#   compromised then runs as root in the container, one kernel flaw or
#   misconfigured mount away from the host. Medium.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#user
#     description: "Docker Docs: Dockerfile best practices, USER"
#   - ref: https://cwe.mitre.org/data/definitions/250.html
#     description: "CWE-250: Execution with Unnecessary Privileges"
#   - ref: https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html
#     description: "OWASP Docker Security Cheat Sheet, rule 2: set a user"
# custom:
#   id: TMS-CONTAINER-001
#   severity: medium
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Create an unprivileged user in the image and switch to it with USER
#     (by numeric UID, so that Kubernetes can verify runAsNonRoot) in the
#     final stage.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s runs as root (USER %q)", [item.name, item.attributes.user]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "container.image"
	item.attributes.runs_as_root
	not lib.answered(rego.metadata.rule(), item.id)
}

# METADATA
# title: Base image not pinned by digest
# description: |
#   A FROM line names its image by tag (or by nothing, meaning latest), and a
#   tag can be moved to a different image by whoever controls the registry
#   repository. Only a digest fixes what is built on. A medium impact on
#   code brought in, so low in the severity model: tags of official images
#   move for security updates too, but the build is not reproducible and
#   not reviewable.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#     description: "Docker Docs: pin base image versions"
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#     description: "OWASP CI/CD Top 10, CICD-SEC-3: Dependency Chain Abuse"
# custom:
#   id: TMS-CONTAINER-002
#   severity: low
#   stride:
#     - tampering
#   remediation: |
#     Pin the image by digest (FROM image:tag@sha256:...) and let a bot such
#     as Dependabot or Renovate propose digest updates.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "medium"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("base image %s is not pinned by digest (tag %q)", [item.name, item.attributes.tag]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "container.base"
	not item.attributes.pinned
	not lib.answered(rego.metadata.rule(), item.id)
}

# METADATA
# title: Image build runs unverified downloads
# description: |
#   A Dockerfile ADDs a file from an http(s) URL without --checksum, or a RUN
#   pipes what curl or wget fetch into a shell or interpreter. Whoever
#   controls that server, or the network path to it when the URL is plain
#   http, decides what runs in the build and ships in the image. Medium.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#add---checksum
#     description: "Docker Docs: ADD --checksum"
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#     description: "OWASP CI/CD Top 10, CICD-SEC-3: Dependency Chain Abuse"
# custom:
#   id: TMS-CONTAINER-003
#   severity: medium
#   stride:
#     - tampering
#   remediation: |
#     Download to a file, verify its checksum or signature, then run it; for
#     ADD, give --checksum=sha256:... . Prefer the distribution's packages.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": problem.message,
	"location": {"path": item.location.path, "line": problem.line},
}) if {
	some item in input.surface
	item.kind == "container.image"
	some problem in _unverified_downloads(item)
	not lib.answered(rego.metadata.rule(), item.id)
}

_unverified_downloads(item) := {problem |
	some download in item.attributes.add_urls
	not download.checksum
	problem := {
		"line": download.line,
		"message": sprintf("%s adds %s without a checksum", [item.name, download.url]),
	}
} | {problem |
	some line in item.attributes.pipe_to_shell
	problem := {"line": line, "message": sprintf("%s pipes a download into a shell", [item.name])}
}
