package tms.rules.kubernetes_test

import data.tms.rules.kubernetes

_runtime_workload(attributes) := {
	"id": "k8s.workload:k.yaml#lab/Deployment/api",
	"kind": "k8s.workload",
	"name": "api",
	"exposure": "unknown",
	"attributes": object.union(
		{
			"kind": "Deployment", "name": "api", "run_as_root": false,
			"allow_privilege_escalation": false, "capabilities_added": [], "host_ports": [],
		},
		attributes,
	),
	"location": {"path": "k.yaml", "line": 2},
}

_runtime(attributes, rule) := findings if {
	doc := {"surface": [_runtime_workload(attributes)], "model": {"surface": [], "mitigations": [], "acceptances": []}}
	findings := {f | some f in kubernetes.deny; f.rule == rule} with input as doc
}

test_k8s_008_root_with_escalation if {
	findings := _runtime({"run_as_root": true, "allow_privilege_escalation": true}, "TMS-K8S-008")
	some f in findings
	f.severity == "medium"
	f.message == "Deployment api may run as root, with privilege escalation allowed"
}

# Each finding points at the setting that states the fact, or at the
# workload when the fact holds by default.
test_runtime_findings_are_reported_at_their_settings if {
	lines := {"run_as_root": 21, "capabilities_added": 25, "host_ports": 18}
	attributes := {"run_as_root": true, "capabilities_added": ["NET_RAW"], "host_ports": [80], "lines": lines}
	every rule, line in {"TMS-K8S-008": 21, "TMS-K8S-009": 25, "TMS-K8S-010": 18} {
		{f.location | some f in _runtime(attributes, rule)} == {{"path": "k.yaml", "line": line}}
	}
	{f.location | some f in _runtime({"run_as_root": true}, "TMS-K8S-008")} == {{"path": "k.yaml", "line": 2}}
}

test_k8s_008_non_root_passes if {
	count(_runtime({}, "TMS-K8S-008")) == 0
}

test_k8s_009_powerful_capability_is_high if {
	findings := _runtime({"capabilities_added": ["NET_RAW", "SYS_PTRACE"]}, "TMS-K8S-009")
	some f in findings
	f.severity == "high"
	f.message == "Deployment api adds capabilities NET_RAW, SYS_PTRACE"
}

test_k8s_009_other_capability_is_medium if {
	{f.severity | some f in _runtime({"capabilities_added": ["NET_BIND_SERVICE"]}, "TMS-K8S-009")} == {"medium"}
}

test_k8s_009_no_capability_passes if {
	count(_runtime({}, "TMS-K8S-009")) == 0
}

test_k8s_010_host_port if {
	findings := _runtime({"host_ports": [6379]}, "TMS-K8S-010")
	some f in findings
	f.message == "Deployment api binds node port 6379"
}

test_k8s_010_no_host_port_passes if {
	count(_runtime({}, "TMS-K8S-010")) == 0
}

test_runtime_rules_missing_input_yield_nothing if {
	count(kubernetes.deny) == 0 with input as {}
}
