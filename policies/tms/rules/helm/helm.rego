# METADATA
# title: Helm chart dependencies
# description: |
#   The charts a Helm chart depends on (Chart.yaml dependencies) are code
#   brought into every release: where they are fetched from and which
#   version is fetched decide what runs in the cluster.
package tms.rules.helm

import data.tms.lib

# The dependencies nobody answered for the rule.
_dependencies(meta) := {item |
	some item in input.surface
	item.kind == "helm.dependency"
	not lib.answered(meta, item.id)
}

# METADATA
# title: Helm chart dependency over plain HTTP
# description: |
#   A chart dependency comes from a chart repository named by a plain
#   http:// URL. Its index and chart archives cross the network unencrypted
#   and unauthenticated, so anyone on the path can swap the chart, and with
#   it the workloads, roles and hooks it installs. The impact is critical,
#   one step lower in the severity model as code brought in: high.
# related_resources:
#   - ref: https://helm.sh/docs/topics/charts/#chart-dependencies
#     description: "Helm: chart dependencies"
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
#   - ref: https://cwe.mitre.org/data/definitions/319.html
#     description: "CWE-319: Cleartext Transmission of Sensitive Information"
# custom:
#   id: TMS-HELM-001
#   severity: high
#   stride:
#     - tampering
#   remediation: |
#     Fetch the chart from an https:// or oci:// repository, or vendor it
#     under charts/. If the repository is only reachable inside a trusted
#     network, record that as a mitigation covering the dependency.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "critical"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("chart %s depends on %s from %s over plain HTTP", [
		object.get(item.attributes, "chart", ""), item.name, item.attributes.repository,
	]),
	"location": item.location,
}) if {
	some item in _dependencies(rego.metadata.rule())
	startswith(lower(object.get(item.attributes, "repository", "")), "http://")
}

# METADATA
# title: Helm chart dependency version not pinned
# description: |
#   A chart dependency from a chart or OCI repository names a range
#   (~1.2.3, ^1, >=1 <2), a wildcard (1.2.x) or a partial version (1.2)
#   rather than one release, so each helm dependency update may fetch a
#   different chart, including one published by whoever takes over the
#   repository. A medium impact, low in the severity model as code brought
#   in. Vendored charts and file:// charts inside the repository are fixed
#   by the repository's commit and are not reported.
# related_resources:
#   - ref: https://helm.sh/docs/helm/helm_dependency/
#     description: "Helm: helm dependency, Chart.lock and version ranges"
#   - ref: https://cwe.mitre.org/data/definitions/1357.html
#     description: "CWE-1357: Reliance on Insufficiently Trustworthy Component"
# custom:
#   id: TMS-HELM-002
#   severity: low
#   stride:
#     - tampering
#   remediation: |
#     Set version to the exact release you reviewed (version: 1.2.3) and
#     commit Chart.lock, or vendor the chart under charts/.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "medium"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("chart %s depends on %s at %q, which is not one release", [
		object.get(item.attributes, "chart", ""), item.name, object.get(item.attributes, "version", ""),
	]),
	"location": item.location,
}) if {
	some item in _dependencies(rego.metadata.rule())
	object.get(item.attributes, "source", "") in {"repository", "oci"}
	object.get(item.attributes, "pinned", true) == false
}
