# METADATA
# title: Docker Compose services and their ports
# description: |
#   A Compose file decides what a container may do to the host that runs
#   it and which of its ports the host publishes. These rules flag services
#   that hand over the host or its Docker daemon, public ports nobody
#   answered for, and images that can change under the file.
package tms.rules.compose

import data.tms.lib

_attr(item, name, default_value) := object.get(item.attributes, name, default_value)

_services(meta) := {service |
	some service in input.surface
	service.kind == "compose.service"
	not lib.answered(meta, service.id)
}

_daemon_access(service) := [shown |
	some [attribute, shown] in [["privileged", "privileged: true"], ["docker_socket", "the Docker socket mounted"]]
	_attr(service, attribute, false) == true
]

# METADATA
# title: Compose service controls the host
# description: |
#   A service runs privileged, or mounts the Docker socket. A privileged
#   container holds every capability and the host's devices; the Docker
#   socket lets it start a privileged container of its own, so either way
#   code execution in the service is root on the host. High.
# related_resources:
#   - ref: https://docs.docker.com/engine/security/#docker-daemon-attack-surface
#     description: "Docker: the daemon's attack surface"
#   - ref: https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html
#     description: "OWASP Docker Security Cheat Sheet: rules 1 and 8"
#   - ref: https://cwe.mitre.org/data/definitions/250.html
#     description: "CWE-250: Execution with Unnecessary Privileges"
# custom:
#   id: TMS-COMPOSE-001
#   severity: high
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Remove privileged: true and grant the few capabilities the process
#     needs with cap_add. Do not mount /var/run/docker.sock; if a tool must
#     talk to Docker, put a socket proxy that allows only the calls it needs
#     in between, or use rootless Docker.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": service.id,
	"subject": service.id,
	"message": sprintf("service %s runs with %s", [service.name, concat(" and ", access)]),
	"location": service.location,
}) if {
	some service in _services(rego.metadata.rule())
	access := _daemon_access(service)
	count(access) > 0
}

_host_namespaces(service) := [shown |
	some [attribute, shown] in [["host_network", "network_mode: host"], ["host_pid", "pid: host"], ["host_ipc", "ipc: host"]]
	_attr(service, attribute, false) == true
]

# METADATA
# title: Compose service shares the host's namespaces
# description: |
#   A service runs in the host's network, PID or IPC namespace. On the
#   host's network it can bind any interface and reach services listening
#   on the host's loopback; with the host's PIDs it sees, and as root can
#   signal or trace, every process of the host; with its IPC it reaches
#   the host's shared memory. High.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#network_mode
#     description: "Compose file reference: network_mode, pid and ipc"
#   - ref: https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html
#     description: "OWASP Docker Security Cheat Sheet"
#   - ref: https://cwe.mitre.org/data/definitions/250.html
#     description: "CWE-250: Execution with Unnecessary Privileges"
# custom:
#   id: TMS-COMPOSE-002
#   severity: high
#   stride:
#     - elevation_of_privilege
#     - information_disclosure
#   remediation: |
#     Use the default bridge network with published ports instead of the
#     host's network, and drop pid: host and ipc: host; a tool that must see
#     host processes belongs on the host, not in a container.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": service.id,
	"subject": service.id,
	"message": sprintf("service %s shares the host's namespaces: %s", [service.name, concat(", ", shared)]),
	"location": service.location,
}) if {
	some service in _services(rego.metadata.rule())
	shared := _host_namespaces(service)
	count(shared) > 0
}

# METADATA
# title: Public Compose port with no answer
# description: |
#   A service publishes a port on every interface of the host (or on an
#   address tms cannot place), and no implemented mitigation covers it and
#   no valid acceptance names it. Docker's published ports also bypass the
#   host's ufw or firewalld rules. Severity is the model's for a
#   high-impact threat on the port's exposure: high, public or unknown alike.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#ports
#     description: "Compose file reference: ports"
#   - ref: https://docs.docker.com/engine/network/packet-filtering-firewalls/
#     description: "Docker: packet filtering and firewalls"
#   - ref: https://cwe.mitre.org/data/definitions/668.html
#     description: "CWE-668: Exposure of Resource to Wrong Sphere"
# custom:
#   id: TMS-COMPOSE-003
#   severity: high
#   stride:
#     - information_disclosure
#     - denial_of_service
#   remediation: |
#     Bind the port to 127.0.0.1 when only the host needs it, drop it when
#     only other services do (they reach it over the Compose network), or
#     record how it is protected as an implemented mitigation covering it.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(port, "high"),
	"surface": port.id,
	"subject": port.id,
	"message": sprintf("port %s is published on the host (exposure %s) and nothing in the threat model answers it", [port.name, port.exposure]),
	"location": port.location,
}) if {
	some port in input.surface
	port.kind == "compose.port"
	port.exposure != "internal"
	not lib.answered(rego.metadata.rule(), port.id)
}

_floating(service) if _attr(service, "tag", "") == "latest"

_floating(service) if {
	_attr(service, "tag", "") == ""
	_attr(service, "digest", "") == ""
}

_pinning_impact(service) := "medium" if _floating(service)

else := "low"

# METADATA
# title: Compose image not pinned by digest
# description: |
#   A service pulls an image by tag only, so what runs can change without
#   a change to the file. Services that build their image are left out:
#   their image names what they build. Low; medium when the image is
#   tagged latest or not tagged.
# related_resources:
#   - ref: https://docs.docker.com/reference/compose-file/services/#image
#     description: "Compose file reference: image"
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
# custom:
#   id: TMS-COMPOSE-004
#   severity: low
#   stride:
#     - tampering
#   remediation: |
#     Name the image by digest (repository:tag@sha256:...), and let a bot
#     such as Renovate or Dependabot propose digest updates for review.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(service, _pinning_impact(service)),
	"surface": service.id,
	"subject": service.id,
	"message": sprintf("service %s uses image %q, not pinned by digest", [service.name, _attr(service, "image", "")]),
	"location": service.location,
}) if {
	some service in _services(rego.metadata.rule())
	_attr(service, "image", "") != ""
	_attr(service, "build", "") == ""
	_attr(service, "pinned", false) != true
}
