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
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/693.html
#     description: "CWE-693 Protection Mechanism Failure"
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
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/1059.html
#     description: "CWE-1059 Insufficient Technical Documentation"
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

_threat_stride := {threat.id: {s | some s in threat.stride} | some threat in input.model.threats}

# The STRIDE categories each implemented mitigation claims to answer.
_claimed := {mitigation.id: {s | some threat_id in mitigation.mitigates; some s in object.get(_threat_stride, threat_id, set())} |
	some mitigation in input.model.mitigations
	mitigation.status == "implemented"
}

# Pairs of an implemented mitigation and an item it covers, from the
# coverage the engine resolved once.
_claims contains [mitigation_id, item_id] if {
	some item_id, coverage in input.coverage
	some mitigation_id in coverage.mitigations
	_claimed[mitigation_id]
}

# METADATA
# title: Mitigation the repository contradicts
# description: |
#   An implemented mitigation claims a control that tms can check on the
#   surface it covers, and the surface shows the opposite: an operation
#   claimed to be authenticated that its API definition leaves open, an
#   ingress claimed to protect data in transit with a host served without
#   TLS, a workload claimed to be isolated that no NetworkPolicy selects, an
#   image claimed to run with least privilege that runs as root, storage
#   claimed to be encrypted that is not, a load balancer claimed to sit
#   behind a WAF with no WAF associated beside it. The claim is the
#   mitigation's control when it names one, else what the STRIDE categories
#   of its threats imply. The mitigation is unverified until the two agree.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/693.html
#     description: CWE-693 Protection Mechanism Failure
# custom:
#   id: TMS-MITIGATION-003
#   severity: high
#   stride:
#     - spoofing
#     - information_disclosure
#     - elevation_of_privilege
#   remediation: |
#     Make the control real on the item (add the security requirement, the
#     TLS section, the non-root USER, the encryption setting), or correct the
#     mitigation's status and covers so the model says what is true.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item_id,
	"subject": mitigation_id,
	"message": sprintf("mitigation %s is unverified: %s", [mitigation_id, problem]),
	"location": item.location,
}) if {
	some [mitigation_id, item_id] in _claims
	item := lib.items_by_id[item_id]
	some problem in _unverified(mitigation_id, item)
}

_controls := {m.id: m.control |
	some m in input.model.mitigations
	m.status == "implemented"
	m.control
}

# A named control is checked as named; without one, the STRIDE categories
# of the mitigated threats say which checks apply.
_unverified(mitigation_id, item) := {_control_problem(control, item) |
	_fails(control, item)
} if {
	control := _controls[mitigation_id]
}

_unverified(mitigation_id, item) := {_contradiction(category, item) |
	some category in _claimed[mitigation_id]
	_contradicts(category, item)
} if {
	not _controls[mitigation_id]
}

_fails("authentication", item) if _contradicts("spoofing", item)

_fails("tls", item) if {
	item.kind == "k8s.ingress"
	_contradicts("information_disclosure", item)
}

_fails("non-root", item) if _contradicts("elevation_of_privilege", item)

_fails("encryption", item) if {
	item.kind in {"terraform.resource", "cloudformation.resource"}
	_contradicts("information_disclosure", item)
}

_fails("network-policy", item) if {
	item.kind == "k8s.workload"
	not _isolated(item.attributes)
}

_fails("waf", item) if {
	item.kind in {"terraform.resource", "cloudformation.resource"}
	item.attributes.load_balancer == true
	not _dir(item.location.path) in _waf_dirs
}

_control_problem("authentication", item) := _contradiction("spoofing", item)

_control_problem("tls", item) := sprintf("%s is claimed to be served with TLS, but a host has no TLS section", [item.name])

_control_problem("non-root", item) := _contradiction("elevation_of_privilege", item)

_control_problem("encryption", item) := sprintf("%s is claimed to be encrypted at rest, but it is not", [item.name])

_control_problem("network-policy", item) := sprintf("%s is claimed to be isolated by a NetworkPolicy, but no ingress policy in namespace %q selects its pods", [item.name, item.attributes.namespace])

_control_problem("waf", item) := sprintf("%s is claimed to sit behind a web application firewall, but no WAF is associated in %s", [item.name, _dir(item.location.path)])

# The ingress NetworkPolicies of each namespace. There are few policies, so
# grouping them by a scan per namespace stays cheap.
_network_policies := [item.attributes |
	some item in input.surface
	item.kind == "k8s.networkpolicy"
	"Ingress" in item.attributes.policy_types
]

_policies_by_namespace := {ns: [p | some p in _network_policies; p.namespace == ns] |
	some policy in _network_policies
	ns := policy.namespace
}

_isolated(workload) if {
	some policy in object.get(_policies_by_namespace, workload.namespace, [])
	_selects(policy, object.get(workload, "labels", {}))
}

_selects(policy, _) if policy.selects_all_pods == true

# A selector with labels or expressions picks the pods that satisfy all of
# them, as Kubernetes evaluates a label selector.
_selects(policy, labels) if {
	expressions := object.get(policy, "pod_selector_expressions", [])
	count(policy.pod_selector) + count(expressions) > 0
	every key, value in policy.pod_selector {
		labels[key] == value
	}
	every expression in expressions {
		_satisfies(labels, expression)
	}
}

_satisfies(labels, expression) if {
	expression.operator == "In"
	labels[expression.key] in expression.values
}

# NotIn, like Kubernetes, also matches pods without the label.
_satisfies(labels, expression) if {
	expression.operator == "NotIn"
	not object.get(labels, expression.key, null) in expression.values
}

_satisfies(labels, expression) if {
	expression.operator == "Exists"
	expression.key in object.keys(labels)
}

_satisfies(labels, expression) if {
	expression.operator == "DoesNotExist"
	not expression.key in object.keys(labels)
}

# Resources that attach a web application firewall to what is beside them;
# tms does not resolve references, so the WAF counts for the load balancers
# of its own module or template.
_waf_types := {
	"aws_wafv2_web_acl_association",
	"aws_wafregional_web_acl_association",
	"aws_waf_web_acl_association",
	"azurerm_web_application_firewall_policy",
	"google_compute_security_policy",
	"AWS::WAFv2::WebACLAssociation",
	"AWS::WAFRegional::WebACLAssociation",
}

_waf_dirs := {_dir(item.location.path) |
	some item in input.surface
	item.kind in {"terraform.resource", "cloudformation.resource"}
	item.attributes.type in _waf_types
}

_dir(path) := dir if {
	contains(path, "/")
	dir := regex.replace(path, `/[^/]*$`, "")
} else := "."

_contradicts("spoofing", item) if {
	item.kind == "api.operation"
	item.attributes.secured == false
}

_contradicts("information_disclosure", item) if {
	item.kind == "k8s.ingress"
	some host in item.attributes.hosts
	host.tls == false
}

# Images say runs_as_root; Kubernetes workloads, like their manifests,
# run_as_root.
_contradicts("elevation_of_privilege", item) if {
	item.kind == "container.image"
	item.attributes.runs_as_root == true
}

_contradicts("elevation_of_privilege", item) if {
	item.kind == "k8s.workload"
	item.attributes.run_as_root == true
}

_contradicts("information_disclosure", item) if {
	item.kind in {"terraform.resource", "cloudformation.resource"}
	item.attributes.encrypted == false
}

_contradiction("spoofing", item) := sprintf("%s is claimed to authenticate callers, but its API definition requires no security", [item.name])

_contradiction("information_disclosure", item) := sprintf("%s is claimed to protect data, but it is served without TLS or stored unencrypted", [item.name])

_contradiction("elevation_of_privilege", item) := sprintf("%s is claimed to run with least privilege, but it runs as root", [item.name])
