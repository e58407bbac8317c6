# METADATA
# title: Kubernetes workloads, their exposure and their secrets
# description: |
#   Manifests decide what a pod may do to its node, who reaches it from
#   outside the cluster, which roles a subject holds and which secrets sit
#   in the repository. These rules flag the settings that hand over the
#   node or the cluster, traffic that arrives unanswered, and secrets
#   written in clear.
package tms.rules.kubernetes

import data.tms.lib

_attr(item, name, default_value) := object.get(item.attributes, name, default_value)

# Pod settings that share the node with the container, with the names the
# manifest gives them.
_host_settings := [
	["privileged", "privileged"],
	["host_network", "hostNetwork"],
	["host_pid", "hostPID"],
	["host_ipc", "hostIPC"],
]

_host_access(workload) := [shown |
	some [attribute, shown] in _host_settings
	_attr(workload, attribute, false) == true
]

# Public Services by [namespace, key, value] of the first pair of their
# selector (in key order). A workload looks up its own label pairs here and
# checks only the few Services found, so matching stays linear.
_public_selectors[[namespace, key, selector[key]]] contains {"name": service.name, "selector": selector} if {
	some service in input.surface
	service.kind == "k8s.service"
	service.exposure != "internal"
	selector := _attr(service, "selector", {})
	count(selector) > 0
	key := min(object.keys(selector))
	namespace := _attr(service, "namespace", "default")
}

# The index is built once per evaluation, as a complete value.
_selector_index := _public_selectors

# _public_services_of names the public Services whose selector picks the
# workload's pods: every pair of the selector is among the pod labels.
_public_services_of(workload) := {service.name |
	labels := _attr(workload, "labels", {})
	namespace := _attr(workload, "namespace", "default")
	some key, value in labels
	some service in _selector_index[[namespace, key, value]]
	every k, v in service.selector {
		labels[k] == v
	}
}

# The reach of a workload for the node-sharing threat: public when a public
# Service selects its pods, else internal, reached from inside the cluster.
# tms does not follow an Ingress through a ClusterIP Service to its pods.
_workload_reach(workload) := "public" if {
	count(_public_services_of(workload)) > 0
} else := "internal"

_through_services(workload) := "" if {
	count(_public_services_of(workload)) == 0
} else := sprintf(", and is reachable through public %s", [concat(", ", sort(_public_services_of(workload)))])

# METADATA
# title: Workload shares the node
# description: |
#   A pod runs a privileged container or shares the node's network, PID or
#   IPC namespace. A privileged container holds every capability and sees
#   the node's devices; the host namespaces let it listen on and sniff the
#   node's interfaces, see and signal its processes, or reach its shared
#   memory. Code execution in the pod becomes control of the node: a
#   critical impact, critical when a public Service (LoadBalancer, NodePort
#   or external IPs) selects the pod, since then outside traffic reaches it,
#   and high, as for internal reach, otherwise.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: "Kubernetes Pod Security Standards: baseline profile"
#   - ref: https://cwe.mitre.org/data/definitions/250.html
#     description: "CWE-250: Execution with Unnecessary Privileges"
#   - ref: https://owasp.org/www-project-kubernetes-top-ten/2022/en/src/K01-insecure-workload-configurations
#     description: "OWASP Kubernetes Top 10, K01: Insecure Workload Configurations"
# custom:
#   id: TMS-K8S-001
#   severity: high
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Drop privileged, hostNetwork, hostPID and hostIPC from the pod spec and
#     grant only the capabilities the process needs. If a node agent truly
#     needs them, run it in a namespace enforcing the privileged Pod Security
#     level on its own, keep it off public Services, and record why in the
#     threat model.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.risk(_workload_reach(workload), "critical"),
	"surface": workload.id,
	"subject": workload.id,
	"message": sprintf("%s runs with %s%s", [workload.name, concat(", ", access), _through_services(workload)]),
	"location": lib.fact_location(workload, [attribute | some [attribute, _] in _host_settings]),
}) if {
	some workload in input.surface
	workload.kind == "k8s.workload"
	access := _host_access(workload)
	count(access) > 0
	not lib.answered(rego.metadata.rule(), workload.id)
}

# Host paths that hand over the node: its root file system, or the socket
# of a container runtime, through which any container can be started.
_node_takeover_path(p) if trim_right(p, "/") == ""

_node_takeover_path(p) if {
	some socket in {"docker.sock", "containerd.sock", "crio.sock", "dockershim.sock"}
	endswith(p, socket)
}

_host_path_impact(paths) := "critical" if {
	some p in paths
	_node_takeover_path(p)
} else := "high"

# METADATA
# title: Workload mounts a host path
# description: |
#   A pod mounts a directory or file of the node through a hostPath volume.
#   It can read what other pods and the kubelet keep there and, unless the
#   mount is read-only and narrow, write to the node. High; critical for the
#   node's root or a container runtime socket, which give the node away.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
#     description: "Kubernetes: hostPath volumes and their risks"
#   - ref: https://cwe.mitre.org/data/definitions/668.html
#     description: "CWE-668: Exposure of Resource to Wrong Sphere"
#   - ref: https://owasp.org/www-project-kubernetes-top-ten/2022/en/src/K01-insecure-workload-configurations
#     description: "OWASP Kubernetes Top 10, K01: Insecure Workload Configurations"
# custom:
#   id: TMS-K8S-002
#   severity: high
#   stride:
#     - elevation_of_privilege
#     - tampering
#     - information_disclosure
#   remediation: |
#     Replace the hostPath volume with a persistent volume, a ConfigMap or an
#     emptyDir. If a node agent must read the node, mount the narrowest path
#     read-only and never the root or a runtime socket.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(workload, _host_path_impact(paths)),
	"surface": workload.id,
	"subject": workload.id,
	"message": sprintf("%s mounts host path %s", [workload.name, concat(", ", paths)]),
	"location": lib.fact_location(workload, ["host_path_volumes"]),
}) if {
	some workload in input.surface
	workload.kind == "k8s.workload"
	paths := [p | some p in _attr(workload, "host_path_volumes", []); is_string(p)]
	count(paths) > 0
	not lib.answered(rego.metadata.rule(), workload.id)
}

# An image floats on the newest push when tagged latest or not at all.
_floating(image) if object.get(image, "tag", "") == "latest"

_floating(image) if {
	object.get(image, "tag", "") == ""
	object.get(image, "digest", "") == ""
}

_pinning_severity(image) := "medium" if _floating(image)

else := "low"

# The images a surface item runs or names, each with the subject of the
# finding, how to show it and where it is written.
_unpinned contains {"item": workload, "image": image, "reference": object.get(image, "image", ""), "shown": sprintf("container %s of %s", [object.get(image, "container", ""), workload.name]), "location": _image_location(workload, i)} if {
	some workload in input.surface
	workload.kind == "k8s.workload"
	some i, image in _attr(workload, "images", [])
	object.get(image, "pinned", false) != true
}

# _image_location is the image: line of a workload's i-th image, which
# lines.images lists in the order of images, or the workload's own line.
_image_location(workload, i) := {"path": workload.location.path, "line": line} if {
	line := workload.attributes.lines.images[i]
	is_number(line)
	line > 0
} else := workload.location

_unpinned contains {"item": item, "image": item.attributes, "reference": _attr(item, "reference", item.name), "shown": sprintf("values key %s of %s", [_values_key(item), item.location.path]), "location": item.location} if {
	some item in input.surface
	item.kind == "helm.image"
	_attr(item, "pinned", false) != true
}

# _values_key is the dotted key path that ends a helm.image id.
_values_key(item) := concat("#", array.slice(parts, 1, count(parts))) if {
	parts := split(item.id, "#")
}

# METADATA
# title: Image not pinned by digest
# description: |
#   A container image is named by tag only. A tag can be pushed again, so
#   the code that runs can change without a change in the repository, and a
#   compromised registry account changes it for everyone. Covers Kubernetes
#   workloads and Helm values. Low; medium when the image is tagged latest
#   or not tagged, which floats on every push.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#     description: "Kubernetes: image names, tags and digests"
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
#   - ref: https://owasp.org/www-project-kubernetes-top-ten/2022/en/src/K02-supplychain-vulnerabilities
#     description: "OWASP Kubernetes Top 10, K02: Supply Chain Vulnerabilities"
# custom:
#   id: TMS-K8S-003
#   severity: low
#   stride:
#     - tampering
#   remediation: |
#     Name the image by digest (repository:tag@sha256:...), and let a bot
#     such as Renovate or Dependabot propose digest updates for review.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": _pinning_severity(entry.image),
	"surface": entry.item.id,
	"subject": entry.item.id,
	"message": sprintf("%s uses image %q, not pinned by digest", [entry.shown, entry.reference]),
	"location": entry.location,
}) if {
	some entry in _unpinned
	not lib.answered(rego.metadata.rule(), entry.item.id)
}

_public_entry_kinds := {"k8s.service", "k8s.ingress"}

# METADATA
# title: Public Service or Ingress with no answer
# description: |
#   A Service of type LoadBalancer or NodePort, a Service with external
#   IPs, an Ingress or a Gateway API route takes traffic from outside the
#   cluster, and no implemented mitigation covers it and no valid
#   acceptance names it. Everything behind it can be probed and flooded
#   from the internet. Severity is the model's for a high-impact threat on
#   its exposure: high, public or unknown alike.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
#     description: "Kubernetes: publishing Services"
#   - ref: https://cwe.mitre.org/data/definitions/668.html
#     description: "CWE-668: Exposure of Resource to Wrong Sphere"
#   - ref: https://owasp.org/www-project-kubernetes-top-ten/2022/en/src/K07-network-segmentation
#     description: "OWASP Kubernetes Top 10, K07: Missing Network Segmentation Controls"
# custom:
#   id: TMS-K8S-004
#   severity: high
#   stride:
#     - information_disclosure
#     - denial_of_service
#   remediation: |
#     Record in the threat model how the entry point is protected
#     (authentication, rate limits, a WAF, source ranges) as an implemented
#     mitigation that covers it, make the Service ClusterIP if it need not be
#     public, or have an owner accept the exposure until a date.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "high"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s takes traffic from outside the cluster (exposure %s) and nothing in the threat model answers it", [item.name, item.exposure]),
	"location": lib.fact_location(item, ["type", "external_ips"]),
}) if {
	some item in input.surface
	item.kind in _public_entry_kinds
	item.exposure != "internal"
	not lib.answered(rego.metadata.rule(), item.id)
}

# METADATA
# title: Ingress host served without TLS
# description: |
#   An Ingress or Gateway API route serves a host with no TLS: no tls entry
#   of the Ingress covers the host, or no HTTPS listener of a Gateway in the
#   same file does. Credentials and sessions cross the network in clear.
#   A medium impact: medium for a public route or one of unknown exposure,
#   low for an internal one.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
#     description: "Kubernetes: securing an Ingress with TLS"
#   - ref: https://cwe.mitre.org/data/definitions/319.html
#     description: "CWE-319: Cleartext Transmission of Sensitive Information"
#   - ref: https://owasp.org/Top10/A02_2021-Cryptographic_Failures/
#     description: "OWASP Top 10 2021, A02: Cryptographic Failures"
# custom:
#   id: TMS-K8S-005
#   severity: medium
#   stride:
#     - information_disclosure
#   remediation: |
#     Add a tls entry for the host with a certificate Secret (cert-manager
#     can issue it), or attach the route to an HTTPS listener, and redirect
#     plain HTTP to HTTPS.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "medium"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s serves host %s without TLS", [item.name, host.host]),
	"location": lib.fact_location(item, ["tls"]),
}) if {
	some item in input.surface
	item.kind == "k8s.ingress"
	some host in _attr(item, "hosts", [])
	object.get(host, "tls", false) != true
	not lib.answered(rego.metadata.rule(), item.id)
}

# Groups and users that stand for anyone, or anyone with any credential.
_everyone := {"system:anonymous", "system:unauthenticated", "system:authenticated"}

_binding_impact(binding) := "critical" if {
	some subject in _attr(binding, "subjects", [])
	object.get(subject, "name", "") in _everyone
} else := "high"

# METADATA
# title: Binding to a powerful role
# description: |
#   A RoleBinding or ClusterRoleBinding grants cluster-admin, admin or edit,
#   or a role defined in the same file that allows every verb or resource,
#   or escalate, bind or impersonate. Whoever holds a subject's credentials
#   (a pod's service account token, a CI job) holds that power: reading
#   every Secret, starting privileged pods. High; critical when a subject
#   is everyone (system:anonymous, system:unauthenticated or
#   system:authenticated).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: "Kubernetes: role based access control good practices"
#   - ref: https://cwe.mitre.org/data/definitions/269.html
#     description: "CWE-269: Improper Privilege Management"
#   - ref: https://owasp.org/www-project-kubernetes-top-ten/2022/en/src/K03-overly-permissive-rbac
#     description: "OWASP Kubernetes Top 10, K03: Overly Permissive RBAC Configurations"
# custom:
#   id: TMS-K8S-006
#   severity: high
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Bind a Role that lists the verbs and resources the subject needs, in
#     its own namespace. Keep cluster-admin for break-glass accounts outside
#     the repository, and never bind a role to system groups.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(binding, _binding_impact(binding)),
	"surface": binding.id,
	"subject": binding.id,
	"message": sprintf("%s grants a powerful role (%s) to %s", [binding.name, _attr(binding, "powerful_because", ""), _subjects_text(binding)]),
	"location": binding.location,
}) if {
	some binding in input.surface
	binding.kind == "k8s.rbac_binding"
	_attr(binding, "powerful", false) == true
	not lib.answered(rego.metadata.rule(), binding.id)
}

_subjects_text(binding) := concat(", ", [sprintf("%s %s", [object.get(s, "kind", ""), object.get(s, "name", "")]) | some s in _attr(binding, "subjects", [])])

# METADATA
# title: Secret written in a manifest
# description: |
#   A Secret manifest carries its values in data or stringData, so they
#   are in the repository and its history for anyone who can read it, and
#   base64 is an encoding, not encryption. The finding names the Secret
#   and its keys, never the values. High.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#     description: "Kubernetes: good practices for Secrets"
#   - ref: https://cwe.mitre.org/data/definitions/798.html
#     description: "CWE-798: Use of Hard-coded Credentials"
#   - ref: https://owasp.org/www-project-kubernetes-top-ten/2022/en/src/K08-secrets-management
#     description: "OWASP Kubernetes Top 10, K08: Secrets Management Failures"
# custom:
#   id: TMS-K8S-007
#   severity: high
#   stride:
#     - information_disclosure
#   remediation: |
#     Rotate the values, since the history keeps them, and remove them from
#     the manifest: keep them in a secret manager synced by External Secrets,
#     or commit them encrypted (Sealed Secrets, SOPS).
deny contains lib.finding(rego.metadata.rule(), {
	"surface": secret.id,
	"subject": secret.id,
	"message": sprintf("%s has inline values in the manifest (keys: %s)", [secret.name, concat(", ", [k | some k in _attr(secret, "keys", []); is_string(k)])]),
	"location": secret.location,
}) if {
	some secret in input.surface
	secret.kind == "k8s.secret"
	_attr(secret, "has_inline_data", false) == true
	not lib.answered(rego.metadata.rule(), secret.id)
}
