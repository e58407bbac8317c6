package tms.rules.kubernetes_test

import data.tms.rules.kubernetes

_workload(attrs) := {
	"id": "k8s.workload:k8s/app.yaml#shop/Deployment/web",
	"kind": "k8s.workload",
	"name": "Deployment shop/web",
	"exposure": "unknown",
	"attributes": object.union(
		{
			"kind": "Deployment", "namespace": "shop", "name": "web",
			"labels": {"app": "web", "tier": "front"},
			"images": [], "privileged": false, "host_network": false, "host_pid": false,
			"host_ipc": false, "host_path_volumes": [],
		},
		attrs,
	),
	"location": {"path": "k8s/app.yaml", "line": 12},
}

_service(name, exposure, namespace, selector) := {
	"id": sprintf("k8s.service:k8s/app.yaml#%s/%s", [namespace, name]),
	"kind": "k8s.service",
	"name": sprintf("Service %s/%s", [namespace, name]),
	"exposure": exposure,
	"attributes": {"namespace": namespace, "selector": selector},
	"location": {"path": "k8s/app.yaml", "line": 40},
}

_input(surface) := {
	"surface": surface,
	"model": {"threats": [{"id": "T-1", "stride": ["spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service", "elevation_of_privilege"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}], "acceptances": []},
	"coverage": {},
	"config": {"today": "2026-06-01"},
}

# _covered marks every item of the surface as covered by the implemented M-1.
_covered(surface) := object.union(_input(surface), {"coverage": {item.id: {"mitigations": ["M-1"], "threats": []} | some item in surface}})

_rule(findings, id) := {f | some f in findings; f.rule == id}

test_host_access_privileged_is_high if {
	findings := _rule(kubernetes.deny, "TMS-K8S-001") with input as _input([_workload({"privileged": true, "host_pid": true})])
	count(findings) == 1
	some f in findings
	f.severity == "high"
	f.surface == "k8s.workload:k8s/app.yaml#shop/Deployment/web"
	f.message == "Deployment shop/web runs with privileged, hostPID"
	f.location == {"path": "k8s/app.yaml", "line": 12}
}

test_host_access_is_reported_at_the_first_setting if {
	workload := _workload({"privileged": true, "host_pid": true, "lines": {"privileged": 30, "host_pid": 20}})
	findings := _rule(kubernetes.deny, "TMS-K8S-001") with input as _input([workload])
	{f.location | some f in findings} == {{"path": "k8s/app.yaml", "line": 20}}
}

test_host_access_behind_public_service_is_critical if {
	surface := [
		_workload({"host_network": true}),
		_service("web", "public", "shop", {"app": "web"}),
		_service("other", "public", "shop", {"app": "web", "tier": "back"}),
		_service("elsewhere", "public", "ops", {"app": "web"}),
		_service("inside", "internal", "shop", {"app": "web"}),
	]
	findings := _rule(kubernetes.deny, "TMS-K8S-001") with input as _input(surface)
	{f.severity | some f in findings} == {"critical"}
	{f.message | some f in findings} == {"Deployment shop/web runs with hostNetwork, and is reachable through public Service shop/web"}
}

test_host_access_needs_every_selector_pair if {
	surface := [_workload({"host_ipc": true}), _service("web", "public", "shop", {"app": "web", "tier": "back"})]
	findings := _rule(kubernetes.deny, "TMS-K8S-001") with input as _input(surface)
	{f.severity | some f in findings} == {"high"}
}

test_host_access_unprivileged_passes if {
	count(_rule(kubernetes.deny, "TMS-K8S-001")) == 0 with input as _input([_workload({})])
}

test_host_access_covered_passes if {
	surface := [_workload({"privileged": true})]
	count(_rule(kubernetes.deny, "TMS-K8S-001")) == 0 with input as _covered(surface)
}

test_host_access_missing_attributes_pass if {
	bare := {"id": "k8s.workload:a.yaml#default/Pod/p", "kind": "k8s.workload", "name": "Pod default/p", "exposure": "unknown", "attributes": {}, "location": {"path": "a.yaml", "line": 1}}
	count(kubernetes.deny) == 0 with input as _input([bare])
}

test_host_path_is_high if {
	findings := _rule(kubernetes.deny, "TMS-K8S-002") with input as _input([_workload({"host_path_volumes": ["/var/log"]})])
	{[f.severity, f.message] | some f in findings} == {["high", "Deployment shop/web mounts host path /var/log"]}
}

test_host_path_is_reported_at_the_volume if {
	workload := _workload({"host_path_volumes": ["/var/log"], "lines": {"host_path_volumes": 41, "privileged": 30}})
	findings := _rule(kubernetes.deny, "TMS-K8S-002") with input as _input([workload])
	{f.location | some f in findings} == {{"path": "k8s/app.yaml", "line": 41}}
}

test_host_path_root_or_runtime_socket_is_critical if {
	every paths in [["/"], ["/var/log", "/run/containerd/containerd.sock"], ["/var/run/docker.sock"]] {
		findings := _rule(kubernetes.deny, "TMS-K8S-002") with input as _input([_workload({"host_path_volumes": paths})])
		{f.severity | some f in findings} == {"critical"}
	}
}

test_host_path_none_or_covered_passes if {
	count(_rule(kubernetes.deny, "TMS-K8S-002")) == 0 with input as _input([_workload({})])
	count(_rule(kubernetes.deny, "TMS-K8S-002")) == 0 with input as _covered([_workload({"host_path_volumes": ["/"]})])
}

_image(container, ref, tag, pinned) := {"container": container, "image": ref, "tag": tag, "digest": "", "pinned": pinned}

test_unpinned_images_by_tag if {
	images := [
		_image("app", "shop:1.2", "1.2", false),
		_image("proxy", "envoy:latest", "latest", false),
		_image("init", "busybox", "", false),
		_image("pinned", "shop@sha256:abc", "", true),
	]
	findings := _rule(kubernetes.deny, "TMS-K8S-003") with input as _input([_workload({"images": images})])
	{[f.severity, f.message] | some f in findings} == {
		["low", `container app of Deployment shop/web uses image "shop:1.2", not pinned by digest`],
		["medium", `container proxy of Deployment shop/web uses image "envoy:latest", not pinned by digest`],
		["medium", `container init of Deployment shop/web uses image "busybox", not pinned by digest`],
	}
}

# Each finding points at its image: line; without lines, at the workload.
test_unpinned_image_at_its_line if {
	images := [_image("init", "busybox", "", false), _image("app", "shop:1.2", "1.2", false)]
	workload := _workload({"images": images, "lines": {"images": [31, 40], "privileged": 20}})
	findings := _rule(kubernetes.deny, "TMS-K8S-003") with input as _input([workload])
	{[f.location.line, f.message] | some f in findings} == {
		[31, `container init of Deployment shop/web uses image "busybox", not pinned by digest`],
		[40, `container app of Deployment shop/web uses image "shop:1.2", not pinned by digest`],
	}

	without_lines := _rule(kubernetes.deny, "TMS-K8S-003") with input as _input([_workload({"images": images})])
	{f.location | some f in without_lines} == {_workload({}).location}
}

test_unpinned_helm_image if {
	item := {
		"id": "helm.image:chart/values.yaml#proxy.image", "kind": "helm.image", "name": "shop:1.2",
		"exposure": "internal", "location": {"path": "chart/values.yaml", "line": 3},
		"attributes": {"image": "shop", "tag": "1.2", "digest": "", "pinned": false, "reference": "shop:1.2"},
	}
	pinned := object.union(item, {"id": "helm.image:chart/values.yaml#other", "attributes": {"pinned": true}})
	findings := _rule(kubernetes.deny, "TMS-K8S-003") with input as _input([item, pinned])
	{[f.severity, f.subject, f.message] | some f in findings} == {["low", item.id, `values key proxy.image of chart/values.yaml uses image "shop:1.2", not pinned by digest`]}
}

test_unpinned_covered_passes if {
	surface := [_workload({"images": [_image("app", "shop", "", false)]})]
	count(_rule(kubernetes.deny, "TMS-K8S-003")) == 0 with input as _covered(surface)
}

test_public_entry_unanswered if {
	ingress := {
		"id": "k8s.ingress:k8s/app.yaml#shop/Ingress/web", "kind": "k8s.ingress",
		"name": "Ingress shop/web", "exposure": "public", "location": {"path": "k8s/app.yaml", "line": 50},
		"attributes": {"hosts": [{"host": "shop.example", "tls": true}]},
	}
	surface := [_service("lb", "public", "shop", {}), _service("odd", "unknown", "shop", {}), _service("in", "internal", "shop", {}), ingress]
	findings := _rule(kubernetes.deny, "TMS-K8S-004") with input as _input(surface)
	{f.subject | some f in findings} == {"k8s.service:k8s/app.yaml#shop/lb", "k8s.service:k8s/app.yaml#shop/odd", ingress.id}
	some f in findings
	f.subject == ingress.id
	f.severity == "high"
	f.message == "Ingress shop/web takes traffic from outside the cluster (exposure public) and nothing in the threat model answers it"
}

# The severity model: a high impact on public or unknown reach is high.
test_public_entry_severity_at_each_exposure if {
	surface := [_service("lb", "public", "shop", {}), _service("odd", "unknown", "shop", {})]
	findings := _rule(kubernetes.deny, "TMS-K8S-004") with input as _input(surface)
	{[f.subject, f.severity] | some f in findings} == {
		["k8s.service:k8s/app.yaml#shop/lb", "high"],
		["k8s.service:k8s/app.yaml#shop/odd", "high"],
	}
}

test_public_service_is_reported_at_its_type if {
	service := object.union(_service("lb", "public", "shop", {}), {"attributes": {"lines": {"type": 44}}})
	findings := _rule(kubernetes.deny, "TMS-K8S-004") with input as _input([service])
	{f.location | some f in findings} == {{"path": "k8s/app.yaml", "line": 44}}
}

test_public_entry_accepted_passes if {
	service := _service("lb", "public", "shop", {})
	doc := object.union(_input([service]), {"model": {"mitigations": [], "acceptances": [{"id": "A-1", "surface": service.id, "approved_by": "ann", "expires": "2026-12-31"}]}})
	count(_rule(kubernetes.deny, "TMS-K8S-004")) == 0 with input as doc
}

_ingress(hosts) := {
	"id": "k8s.ingress:k8s/app.yaml#shop/Ingress/web", "kind": "k8s.ingress",
	"name": "Ingress shop/web", "exposure": "public", "location": {"path": "k8s/app.yaml", "line": 50},
	"attributes": {"hosts": hosts},
}

test_host_without_tls if {
	ingress := _ingress([{"host": "shop.example", "tls": true}, {"host": "admin.example", "tls": false}, {"host": "*"}])
	findings := _rule(kubernetes.deny, "TMS-K8S-005") with input as _input([ingress])
	{[f.severity, f.message] | some f in findings} == {
		["medium", "Ingress shop/web serves host admin.example without TLS"],
		["medium", "Ingress shop/web serves host * without TLS"],
	}
}

# A medium impact: medium on public or unknown reach, low on internal.
test_host_without_tls_severity_at_each_exposure if {
	plain := _ingress([{"host": "admin.example", "tls": false}])
	severities := {exposure: {f.severity | some f in findings} |
		some exposure in ["public", "unknown", "internal"]
		findings := _rule(kubernetes.deny, "TMS-K8S-005") with input as _input([object.union(plain, {"exposure": exposure})])
	}
	severities == {"public": {"medium"}, "unknown": {"medium"}, "internal": {"low"}}
}

test_host_without_tls_is_reported_at_the_host if {
	ingress := object.union(_ingress([{"host": "admin.example", "tls": false}]), {"attributes": {"lines": {"tls": 57}}})
	findings := _rule(kubernetes.deny, "TMS-K8S-005") with input as _input([ingress])
	{f.location | some f in findings} == {{"path": "k8s/app.yaml", "line": 57}}
}

test_hosts_with_tls_or_covered_pass if {
	count(_rule(kubernetes.deny, "TMS-K8S-005")) == 0 with input as _input([_ingress([{"host": "a", "tls": true}])])
	count(_rule(kubernetes.deny, "TMS-K8S-005")) == 0 with input as _covered([_ingress([{"host": "a", "tls": false}])])
	count(_rule(kubernetes.deny, "TMS-K8S-005")) == 0 with input as _input([_ingress([])])
}

_binding(powerful, subjects) := {
	"id": "k8s.rbac_binding:k8s/rbac.yaml#ClusterRoleBinding/ci", "kind": "k8s.rbac_binding",
	"name": "ClusterRoleBinding ci", "exposure": "internal", "location": {"path": "k8s/rbac.yaml", "line": 1},
	"attributes": {"powerful": powerful, "powerful_because": "built-in ClusterRole cluster-admin", "subjects": subjects},
}

test_powerful_binding_is_high if {
	findings := _rule(kubernetes.deny, "TMS-K8S-006") with input as _input([_binding(true, [{"kind": "ServiceAccount", "name": "ci", "namespace": "ci"}])])
	{[f.severity, f.message] | some f in findings} == {["high", "ClusterRoleBinding ci grants a powerful role (built-in ClusterRole cluster-admin) to ServiceAccount ci"]}
}

test_powerful_binding_to_everyone_is_critical if {
	subjects := [{"kind": "User", "name": "jane"}, {"kind": "Group", "name": "system:authenticated"}]
	findings := _rule(kubernetes.deny, "TMS-K8S-006") with input as _input([_binding(true, subjects)])
	{f.severity | some f in findings} == {"critical"}
}

test_plain_or_covered_binding_passes if {
	count(_rule(kubernetes.deny, "TMS-K8S-006")) == 0 with input as _input([_binding(false, [])])
	count(_rule(kubernetes.deny, "TMS-K8S-006")) == 0 with input as _covered([_binding(true, [])])
}

_secret(inline) := {
	"id": "k8s.secret:k8s/secret.yaml#data/db", "kind": "k8s.secret", "name": "Secret data/db",
	"exposure": "internal", "location": {"path": "k8s/secret.yaml", "line": 1},
	"attributes": {"keys": ["password", "username"], "has_inline_data": inline},
}

test_inline_secret_names_keys_only if {
	findings := _rule(kubernetes.deny, "TMS-K8S-007") with input as _input([_secret(true)])
	{[f.severity, f.message] | some f in findings} == {["high", "Secret data/db has inline values in the manifest (keys: password, username)"]}
}

test_empty_or_covered_secret_passes if {
	count(_rule(kubernetes.deny, "TMS-K8S-007")) == 0 with input as _input([_secret(false)])
	count(_rule(kubernetes.deny, "TMS-K8S-007")) == 0 with input as _covered([_secret(true)])
}

test_missing_input_yields_nothing if {
	count(kubernetes.deny) == 0 with input as {}
}
