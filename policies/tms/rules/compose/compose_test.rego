package tms.rules.compose_test

import data.tms.rules.compose

_service(attrs) := {
	"id": "compose.service:docker-compose.yml#web",
	"kind": "compose.service",
	"name": "web",
	"exposure": "public",
	"attributes": object.union({"image": "nginx:1.25", "tag": "1.25", "digest": "", "pinned": false, "build": ""}, attrs),
	"location": {"path": "docker-compose.yml", "line": 4},
}

_port(exposure) := {
	"id": "compose.port:docker-compose.yml#web/80:80/tcp",
	"kind": "compose.port",
	"name": "web/80:80/tcp",
	"exposure": exposure,
	"attributes": {"service": "web", "published": "80", "target": "80", "protocol": "tcp", "host_ip": ""},
	"location": {"path": "docker-compose.yml", "line": 7},
}

_input(surface) := {
	"surface": surface,
	"model": {"threats": [{"id": "T-1", "stride": ["spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service", "elevation_of_privilege"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}], "acceptances": []},
	"coverage": {},
	"config": {"today": "2026-06-01"},
}

_covered(surface) := object.union(_input(surface), {"coverage": {item.id: {"mitigations": ["M-1"], "threats": []} | some item in surface}})

_rule(findings, id) := {f | some f in findings; f.rule == id}

test_daemon_access_privileged_and_socket if {
	findings := _rule(compose.deny, "TMS-COMPOSE-001") with input as _input([_service({"privileged": true, "docker_socket": true})])
	{[f.severity, f.message, f.location.line] | some f in findings} == {["high", "service web runs with privileged: true and the Docker socket mounted", 4]}
}

test_daemon_access_socket_only if {
	findings := _rule(compose.deny, "TMS-COMPOSE-001") with input as _input([_service({"docker_socket": true})])
	{f.message | some f in findings} == {"service web runs with the Docker socket mounted"}
}

test_daemon_access_absent_or_covered_passes if {
	count(_rule(compose.deny, "TMS-COMPOSE-001")) == 0 with input as _input([_service({})])
	count(_rule(compose.deny, "TMS-COMPOSE-001")) == 0 with input as _covered([_service({"privileged": true})])
}

test_host_namespaces if {
	findings := _rule(compose.deny, "TMS-COMPOSE-002") with input as _input([_service({"host_network": true, "host_pid": true})])
	{[f.severity, f.message] | some f in findings} == {["high", "service web shares the host's namespaces: network_mode: host, pid: host"]}
}

test_host_namespaces_absent_or_covered_passes if {
	count(_rule(compose.deny, "TMS-COMPOSE-002")) == 0 with input as _input([_service({})])
	count(_rule(compose.deny, "TMS-COMPOSE-002")) == 0 with input as _covered([_service({"host_ipc": true})])
}

test_public_port_unanswered if {
	findings := _rule(compose.deny, "TMS-COMPOSE-003") with input as _input([_port("public")])
	{[f.severity, f.subject, f.message] | some f in findings} == {[
		"high", "compose.port:docker-compose.yml#web/80:80/tcp",
		"port web/80:80/tcp is published on the host (exposure public) and nothing in the threat model answers it",
	]}
	unknown := _rule(compose.deny, "TMS-COMPOSE-003") with input as _input([_port("unknown")])
	{f.severity | some f in unknown} == {"high"}
}

test_loopback_or_covered_port_passes if {
	count(_rule(compose.deny, "TMS-COMPOSE-003")) == 0 with input as _input([_port("internal")])
	count(_rule(compose.deny, "TMS-COMPOSE-003")) == 0 with input as _covered([_port("public")])
}

test_unpinned_image_by_tag if {
	low := _rule(compose.deny, "TMS-COMPOSE-004") with input as _input([_service({})])
	{[f.severity, f.message] | some f in low} == {["low", `service web uses image "nginx:1.25", not pinned by digest`]}
	latest := _rule(compose.deny, "TMS-COMPOSE-004") with input as _input([_service({"image": "nginx", "tag": ""})])
	{f.severity | some f in latest} == {"medium"}
	tagged_latest := _rule(compose.deny, "TMS-COMPOSE-004") with input as _input([_service({"image": "nginx:latest", "tag": "latest"})])
	{f.severity | some f in tagged_latest} == {"medium"}
}

test_pinned_built_or_imageless_service_passes if {
	count(_rule(compose.deny, "TMS-COMPOSE-004")) == 0 with input as _input([_service({"pinned": true, "digest": "sha256:abc"})])
	count(_rule(compose.deny, "TMS-COMPOSE-004")) == 0 with input as _input([_service({"build": "."})])
	count(_rule(compose.deny, "TMS-COMPOSE-004")) == 0 with input as _input([_service({"image": ""})])
}

test_missing_input_yields_nothing if {
	count(compose.deny) == 0 with input as {}
	bare := {"id": "compose.service:c.yaml#x", "kind": "compose.service", "name": "x", "exposure": "internal", "attributes": {}, "location": {"path": "c.yaml", "line": 2}}
	count(compose.deny) == 0 with input as _input([bare])
}
