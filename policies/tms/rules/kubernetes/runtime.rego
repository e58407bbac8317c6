package tms.rules.kubernetes

# Rules about how a workload runs on its node: as root, with extra kernel
# capabilities, or bound to the node's own ports.

import data.tms.lib

# METADATA
# title: Workload runs as root
# description: |
#   A workload's containers may run as user 0: no runAsNonRoot and no non-zero
#   runAsUser at pod or container level. A process that breaks out of its
#   container as root owns the node. Medium; the message says when privilege
#   escalation is also allowed.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards (restricted)
#   - ref: https://cwe.mitre.org/data/definitions/250.html
#     description: CWE-250 Execution with Unnecessary Privileges
# custom:
#   id: TMS-K8S-008
#   severity: medium
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Set securityContext.runAsNonRoot: true and a non-zero runAsUser, and
#     allowPrivilegeEscalation: false, on the pod or every container.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %s may run as root%s", [item.attributes.kind, item.attributes.name, _escalation(item)]),
	"location": lib.fact_location(item, ["run_as_root"]),
}) if {
	some item in input.surface
	item.kind == "k8s.workload"
	item.attributes.run_as_root == true
	not lib.answered(rego.metadata.rule(), item.id)
}

_escalation(item) := ", with privilege escalation allowed" if item.attributes.allow_privilege_escalation == true

_escalation(item) := "" if not item.attributes.allow_privilege_escalation == true

# Capabilities that give a container power over the node or its neighbours.
_powerful_capabilities := {
	"ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE",
	"DAC_READ_SEARCH", "BPF", "SYS_RAWIO", "PERFMON",
}

# METADATA
# title: Workload adds Linux capabilities
# description: |
#   A container adds kernel capabilities beyond the runtime's default set.
#   High when one of them gives power over the node (SYS_ADMIN, NET_ADMIN,
#   SYS_PTRACE, SYS_MODULE, ALL, ...), medium otherwise (NET_RAW allows
#   spoofed packets on the pod network, for instance).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards (baseline)
#   - ref: https://man7.org/linux/man-pages/man7/capabilities.7.html
#     description: Linux capabilities
# custom:
#   id: TMS-K8S-009
#   severity: high
#   stride:
#     - elevation_of_privilege
#     - spoofing
#   remediation: |
#     Drop ALL capabilities and add back only the ones the process needs,
#     none of the powerful ones; move work that needs them to the node.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, _capability_impact(added)),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %s adds capabilities %s", [item.attributes.kind, item.attributes.name, concat(", ", sort(added))]),
	"location": lib.fact_location(item, ["capabilities_added"]),
}) if {
	some item in input.surface
	item.kind == "k8s.workload"
	added := {cap | some cap in item.attributes.capabilities_added}
	count(added) > 0
	not lib.answered(rego.metadata.rule(), item.id)
}

_capability_impact(added) := "high" if count(added & _powerful_capabilities) > 0

_capability_impact(added) := "medium" if count(added & _powerful_capabilities) == 0

# METADATA
# title: Workload binds a port on the node
# description: |
#   A container publishes a hostPort: the port is open on the node's own
#   address, outside any Service and often outside NetworkPolicies, to
#   whatever can reach the node.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/overview/#services
#     description: Kubernetes configuration best practices on hostPort
# custom:
#   id: TMS-K8S-010
#   severity: medium
#   stride:
#     - information_disclosure
#     - spoofing
#   remediation: |
#     Remove the hostPort and expose the workload through a Service, with a
#     NetworkPolicy that says who may reach it.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %s binds node port %v", [item.attributes.kind, item.attributes.name, port]),
	"location": lib.fact_location(item, ["host_ports"]),
}) if {
	some item in input.surface
	item.kind == "k8s.workload"
	some port in item.attributes.host_ports
	not lib.answered(rego.metadata.rule(), item.id)
}
