# METADATA
# title: Dependencies
# description: |
#   Where third-party code comes from and whether its version is fixed
#   decide who can change what the build ships. These rules read the
#   dependency items of every ecosystem by their shared attributes.
package tms.rules.dependencies

import data.tms.lib

# Sources whose content no registry or version number fixes.
_local_sources := {"path", "local"}

_plain_http(attributes) if startswith(object.get(attributes, "url", ""), "http://")

# npm items keep the spec as written, which is where a tarball or git URL is.
_plain_http(attributes) if regex.match(`^(git\+)?http://`, object.get(attributes, "constraint", ""))

# _fetch describes how a dependency is fetched when that needs review:
# severity and words for the message. Plain HTTP wins over the source.
_fetch(attributes) := {"impact": "critical", "from": "a plain http:// URL"} if {
	_plain_http(attributes)
}

_fetch(attributes) := {"impact": "high", "from": "a git repository"} if {
	not _plain_http(attributes)
	attributes.source == "git"
}

_fetch(attributes) := {"impact": _path_impact(attributes), "from": "a local path"} if {
	not _plain_http(attributes)
	attributes.source in _local_sources
}

# A path the extractor marks pinned lies inside the repository, whose own
# commit fixes its content and whose review covers it.
_path_impact(attributes) := "medium" if attributes.pinned == true

_path_impact(attributes) := "high" if not attributes.pinned == true

# METADATA
# title: Dependency fetched from git, plain HTTP or a local path
# description: |
#   A dependency comes from a git repository, a plain http:// URL or a
#   folder rather than from a package registry, and nothing in the threat
#   model answers it. A branch or a folder can change under the build, a git
#   host or folder escapes the registry's checks, and plain HTTP lets anyone
#   on the network path swap the code. The impact is critical for plain
#   http:// (from the item's url, or an npm spec), high for git and for
#   paths outside the repository or not known to be inside, medium for a
#   path inside the repository (attribute pinned), since the repository's
#   commit fixes it; code brought in rather than reached is one step lower
#   in the severity model, so findings are high, medium and low. The rule
#   deliberately reports the dependency whether the threat model lists it
#   or not: having seen the source does not make it safe, so only a
#   mitigation or an acceptance answers it. A dependency the model already
#   listed as unreviewed is backlog, capped at medium like every finding on
#   such an item, so that a new one weighs more than one already known.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/829.html
#     description: "CWE-829: Inclusion of Functionality from Untrusted Control Sphere"
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
#   - ref: https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/
#     description: "OWASP Top 10 2021, A08: Software and Data Integrity Failures"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#     description: "OWASP CI/CD Top 10, CICD-SEC-3: Dependency Chain Abuse"
#   - ref: https://pip.pypa.io/en/stable/topics/secure-installs/
#     description: "pip: secure installs"
#   - ref: https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html#specifying-dependencies-from-git-repositories
#     description: "Cargo: dependencies from git repositories"
# custom:
#   id: TMS-DEP-001
#   severity: medium
#   stride:
#     - tampering
#   remediation: |
#     Publish the package to a registry you trust (a private index if need
#     be) and depend on a released version; if it must come from git, pin a
#     full commit and lock it. Never fetch code over plain http://. If the
#     source is intended, record a mitigation that covers the item (code
#     review of the fork, a vendored copy) or an acceptance.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, fetch.impact),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s dependency %q is fetched from %s%s", [
		object.get(item.attributes, "ecosystem", "unknown"), item.name,
		fetch.from, _where(item.attributes),
	]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "dependency"
	fetch := _fetch(item.attributes)
	not lib.answered(rego.metadata.rule(), item.id)
}

_where(attributes) := sprintf(" (%s)", [attributes.url]) if _has_url(attributes)

_where(attributes) := "" if not _has_url(attributes)

_has_url(attributes) if {
	is_string(attributes.url)
	attributes.url != ""
}

# METADATA
# title: Direct dependency unpinned without a lockfile
# description: |
#   A dependency the project declares allows a range of versions (such as
#   requests>=2 in a requirements file), and no lockfile fixes which one is
#   installed, so each install may fetch a different release, including one
#   published by whoever takes over the package. A medium impact on code
#   brought in, so low in the severity model. Only items whose
#   extractor says whether a lockfile exists (attribute locked) are judged:
#   an item without it is never reported, since tms reports what the files
#   show. What TMS-DEP-001 reports (git, plain http:// and paths) is left
#   to it, so that one dependency is not reported twice for one cause.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/1357.html
#     description: "CWE-1357: Reliance on Insufficiently Trustworthy Component"
#   - ref: https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/
#     description: "OWASP Top 10 2021, A06: Vulnerable and Outdated Components"
#   - ref: https://pip.pypa.io/en/stable/topics/repeatable-installs/
#     description: "pip: repeatable installs"
#   - ref: https://bundler.io/guides/rationale.html#checking-your-code-into-version-control
#     description: "Bundler: commit Gemfile.lock"
# custom:
#   id: TMS-DEP-002
#   severity: low
#   stride:
#     - tampering
#   remediation: |
#     Commit the ecosystem's lockfile (poetry.lock, uv.lock, Pipfile.lock,
#     Gemfile.lock, composer.lock, Cargo.lock), or pin the exact version, with
#     hashes where the format allows them (pip-compile --generate-hashes).
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "medium"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s dependency %q is not pinned (%q) and no lockfile fixes its version", [
		object.get(item.attributes, "ecosystem", "unknown"), item.name,
		object.get(item.attributes, "constraint", ""),
	]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "dependency"
	item.attributes.locked == false
	item.attributes.direct == true
	item.attributes.pinned == false
	not _fetch(item.attributes)
	not _version_unknown(item.attributes)
	not lib.answered(rego.metadata.rule(), item.id)
}

# A version tms could not resolve from the files (a Maven property of a
# parent pom, say) may well be exact: reporting it would report what is not
# known to be there.
_version_unknown(attributes) if attributes.unresolved == true

_version_unknown(attributes) if attributes.managed == true
