# METADATA
# title: API definitions
# description: |
#   Operations that API definitions (OpenAPI, gRPC, GraphQL) declare must be
#   authenticated or deliberately public, every definition must be known to
#   the threat model, and routes served in code should be in the definition
#   that clients and reviewers read.
package tms.rules.api

import data.tms.lib

# The model acknowledges an item until it is marked removed.
_acknowledged := {entry.id |
	some entry in input.model.surface
	entry.status != "removed"
}

# METADATA
# title: API operation without authentication
# description: |
#   An operation in an OpenAPI or Swagger definition has no effective security
#   requirement: the operation's own security list, or the global one it
#   inherits, is absent, empty, or allows an empty requirement {}, so a caller
#   needs no credentials. Severity is the severity model's for a high-impact
#   threat: high when a server of the operation has a public host or the
#   exposure is unknown, which tms does not rule out. Internal operations,
#   usually authenticated by the network or a mesh in front of them, and
#   operations a mitigation covers or an acceptance names are not reported.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/306.html
#     description: "CWE-306: Missing Authentication for Critical Function"
#   - ref: https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/
#     description: "OWASP API Security Top 10 2023, API2: Broken Authentication"
#   - ref: https://spec.openapis.org/oas/v3.1.0#security-requirement-object
#     description: OpenAPI Security Requirement Object
# custom:
#   id: TMS-API-001
#   severity: high
#   stride:
#     - spoofing
#     - information_disclosure
#   remediation: |
#     Add a security requirement to the operation or globally in the
#     definition, and enforce it in the service. If the operation is public on
#     purpose (a health check, a login endpoint), record an acceptance for it,
#     or a mitigation covering it, in the threat model.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "high"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %q requires no authentication (exposure %s)", [item.kind, item.name, item.exposure]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "api.operation"
	not item.attributes.secured
	item.exposure != "internal"
	not lib.answered(rego.metadata.rule(), item.id)
}

# METADATA
# title: API definition not in the threat model
# description: |
#   An OpenAPI or Swagger definition (api.spec) or a gRPC service
#   (grpc.service) is in the repository, but the threat model does not list
#   it, or lists it as removed. A new definition usually means a new set of
#   entry points whose callers, data and authentication nobody has reviewed.
# related_resources:
#   - ref: https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/
#     description: "OWASP API Security Top 10 2023, API9: Improper Inventory Management"
#   - ref: https://cwe.mitre.org/data/definitions/1059.html
#     description: "CWE-1059: Insufficient Technical Documentation"
# custom:
#   id: TMS-API-002
#   severity: medium
#   stride:
#     - spoofing
#     - tampering
#     - information_disclosure
#   remediation: |
#     Add the definition to the surface section of the threat model and review
#     who can call its operations, what data they expose and how callers are
#     authenticated.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"new_surface": true,
	"message": sprintf("%s %q is not in the threat model", [item.kind, item.name]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind in _definition_kinds
	not item.id in _acknowledged
	not lib.answered(rego.metadata.rule(), item.id)
}

_definition_kinds := {"api.spec", "grpc.service"}

# METADATA
# title: Route missing from the API definition
# description: |
#   The code serves an HTTP route (http.route) whose method and path match no
#   operation of the repository's API definitions: no api.operation, nor the
#   HTTP binding of a grpc.method. Reported only where an OpenAPI or Swagger
#   definition is expected to be complete: in a service of a monorepo that
#   has its own definition, or anywhere when the definition sits outside the
#   services (e.g. a top-level api/ directory). A route that accepts any method matches an operation of
#   any method on its path. A route below a prefix the code computes
#   (attributes.prefix_unknown) is not reported: its full path is unknown,
#   and tms reports no route that may not be there. Undocumented operations
#   escape review, gateway rules and client-side expectations.
# related_resources:
#   - ref: https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/
#     description: "OWASP API Security Top 10 2023, API9: Improper Inventory Management"
#   - ref: https://cwe.mitre.org/data/definitions/1059.html
#     description: "CWE-1059: Insufficient Technical Documentation"
# custom:
#   id: TMS-API-003
#   severity: info
#   stride:
#     - information_disclosure
#   remediation: |
#     Add the operation to the API definition, or remove the route if nothing
#     should call it. If it is deliberately undocumented (a debug or metrics
#     endpoint), record an acceptance or a mitigation covering it.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": route.id,
	"subject": route.id,
	"message": sprintf("%s %q is served in code but no API definition declares %s", [route.kind, route.name, endpoint]),
	"location": route.location,
}) if {
	some route in input.surface
	route.kind == "http.route"
	_defined_for(route.location.path)
	not route.attributes.prefix_unknown
	endpoint := route.attributes.endpoint
	not _documented(endpoint)
	not lib.answered(rego.metadata.rule(), route.id)
}

# The scopes the repository's definitions describe: the service a definition
# sits in, or "*" for a definition outside any one service.
_definition_scopes := {_scope(item.location.path) |
	some item in input.surface
	item.kind == "api.spec"
}

_scope(path) := lib.component(path) if lib.in_service(path)

_scope(path) := "*" if not lib.in_service(path)

_defined_for(_) if "*" in _definition_scopes

_defined_for(path) if lib.component(path) in _definition_scopes

# The endpoint keys that definitions declare: each operation's own key and
# the keys with its servers' base paths in front.
_declared_endpoints := {key |
	some item in input.surface
	item.kind in {"api.operation", "grpc.method"}
	some key in _endpoint_keys(item.attributes)
}

_endpoint_keys(attributes) := {attributes.endpoint} | {key | some key in object.get(attributes, "endpoints", [])}

# The paths of the declared endpoints, for routes that accept any method.
_declared_paths := {_path_of(key) | some key in _declared_endpoints}

# An endpoint key is "<METHOD> <path>".
_path_of(key) := substring(key, indexof(key, " ") + 1, -1)

_documented(key) if key in _declared_endpoints

_documented(key) if {
	startswith(key, "ANY ")
	_path_of(key) in _declared_paths
}

# METADATA
# title: GraphQL mutation with no answer in the threat model
# description: |
#   A GraphQL schema declares a mutation field, which changes state, and no
#   implemented mitigation covers it and no valid acceptance names it. A
#   schema cannot say whether a caller must be authenticated (that is
#   decided in resolvers or a gateway), so, unlike TMS-API-001 for OpenAPI,
#   tms does not know the field is open: it asks the model to say how its
#   callers are authenticated. A low impact, since the weakness is not
#   shown: low when public or of unknown exposure; internal fields are not
#   reported, as in TMS-API-001.
# related_resources:
#   - ref: https://cheatsheetseries.owasp.org/cheatsheets/GraphQL_Cheat_Sheet.html
#     description: OWASP GraphQL Cheat Sheet
#   - ref: https://cwe.mitre.org/data/definitions/306.html
#     description: "CWE-306: Missing Authentication for Critical Function"
# custom:
#   id: TMS-API-004
#   severity: low
#   stride:
#     - spoofing
#     - tampering
#   remediation: |
#     Record how callers of the mutation are authenticated and authorized
#     (a directive, resolver middleware, a gateway policy) as an implemented
#     mitigation covering it, with that code as evidence; or, if it is open
#     on purpose, record an acceptance for it.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "low"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %q changes state and nothing in the threat model says how its callers are authenticated (exposure %s)", [item.kind, item.name, item.exposure]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "graphql.field"
	object.get(item.attributes, "operation", "") == "mutation"
	item.exposure != "internal"
	not lib.answered(rego.metadata.rule(), item.id)
}
