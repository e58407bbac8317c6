package tms.rules.api_test

import data.tms.rules.api

_operation(exposure, secured) := {
	"id": "api.operation:api/openapi.yaml#GET /pets",
	"kind": "api.operation",
	"name": "GET /pets in api/openapi.yaml",
	"exposure": exposure,
	"attributes": {
		"method": "GET",
		"path": "/pets",
		"secured": secured,
		"endpoint": "GET /pets",
		"endpoints": ["GET /pets", "GET /v1/pets"],
	},
	"location": {"path": "api/openapi.yaml", "line": 12},
}

_spec := {
	"id": "api.spec:api/openapi.yaml",
	"kind": "api.spec",
	"name": "Petstore",
	"exposure": "public",
	"attributes": {"operations": 1},
	"location": {"path": "api/openapi.yaml", "line": 1},
}

_service := {
	"id": "grpc.service:proto/shop.proto#shop.Orders",
	"kind": "grpc.service",
	"name": "shop.Orders",
	"exposure": "unknown",
	"attributes": {"package": "shop", "service": "Orders"},
	"location": {"path": "proto/shop.proto", "line": 4},
}

_route(method, path, endpoint) := {
	"id": sprintf("http.route:cmd/server/main.go#%s %s", [method, path]),
	"kind": "http.route",
	"name": sprintf("%s %s in cmd/server/main.go", [method, path]),
	"exposure": "unknown",
	"attributes": {"method": method, "path": path, "endpoint": endpoint},
	"location": {"path": "cmd/server/main.go", "line": 30},
}

_input(surface) := {
	"surface": surface,
	"model": {"surface": [], "mitigations": [], "acceptances": []},
	"coverage": {},
	"config": {"today": "2026-06-01"},
}

_with_model(surface, model_surface) := object.union(_input(surface), {"model": {"surface": model_surface}})

_findings(doc, rule) := {f | some f in api.deny with input as doc; f.rule == rule}

# TMS-API-001

test_unsecured_operation_public_is_high if {
	findings := _findings(_input([_operation("public", false)]), "TMS-API-001")
	count(findings) == 1
	some f in findings
	f.severity == "high"
	f.stride == ["spoofing", "information_disclosure"]
	f.surface == "api.operation:api/openapi.yaml#GET /pets"
	f.location == {"path": "api/openapi.yaml", "line": 12}
	f.message == `api.operation "GET /pets in api/openapi.yaml" requires no authentication (exposure public)`
}

# Unknown exposure counts as public in the severity model.
test_unsecured_operation_unknown_is_high if {
	findings := _findings(_input([_operation("unknown", false)]), "TMS-API-001")
	{f.severity | some f in findings} == {"high"}
}

test_unsecured_operation_internal_passes if {
	count(_findings(_input([_operation("internal", false)]), "TMS-API-001")) == 0
}

test_unsecured_operation_secured_passes if {
	count(_findings(_input([_operation("public", true)]), "TMS-API-001")) == 0
}

test_unsecured_operation_without_secured_attribute_is_reported if {
	op := json.remove(_operation("public", false), ["attributes/secured"])
	count(_findings(_input([op]), "TMS-API-001")) == 1
}

test_unsecured_operation_covered_by_mitigation_passes if {
	op := _operation("public", false)
	doc := object.union(_input([op]), {
		"model": {"threats": [{"id": "T-1", "stride": ["spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service", "elevation_of_privilege"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}]},
		"coverage": {op.id: {"mitigations": ["M-1"], "threats": []}},
	})
	count(_findings(doc, "TMS-API-001")) == 0
}

test_unsecured_operation_planned_mitigation_does_not_hide if {
	op := _operation("public", false)
	doc := object.union(_input([op]), {
		"model": {"mitigations": [{"id": "M-1", "status": "planned"}]},
		"coverage": {op.id: {"mitigations": ["M-1"], "threats": []}},
	})
	count(_findings(doc, "TMS-API-001")) == 1
}

test_unsecured_operation_accepted_passes if {
	op := _operation("public", false)
	doc := object.union(_input([op]), {"model": {"acceptances": [{
		"id": "A-1", "surface": op.id, "reason": "public catalogue",
		"approved_by": "alice", "expires": "2026-12-31",
	}]}})
	count(_findings(doc, "TMS-API-001")) == 0
}

test_unsecured_operation_missing_input_yields_nothing if {
	count(api.deny) == 0 with input as {}
}

# TMS-API-002

test_unmodeled_definition_spec_is_medium if {
	findings := _findings(_input([_spec]), "TMS-API-002")
	count(findings) == 1
	some f in findings
	f.severity == "medium"
	f.new_surface == true
	f.subject == _spec.id
	f.message == `api.spec "Petstore" is not in the threat model`
}

test_unmodeled_definition_grpc_service_is_reported if {
	findings := _findings(_input([_service]), "TMS-API-002")
	{f.subject | some f in findings} == {_service.id}
}

test_unmodeled_definition_acknowledged_passes if {
	model := [
		{"id": _spec.id, "kind": "api.spec", "status": "unreviewed"},
		{"id": _service.id, "kind": "grpc.service", "status": "reviewed"},
	]
	count(_findings(_with_model([_spec, _service], model), "TMS-API-002")) == 0
}

test_unmodeled_definition_removed_is_new_again if {
	model := [{"id": _spec.id, "kind": "api.spec", "status": "removed"}]
	count(_findings(_with_model([_spec], model), "TMS-API-002")) == 1
}

test_unmodeled_definition_other_kinds_pass if {
	count(_findings(_input([_operation("public", true)]), "TMS-API-002")) == 0
}

test_unmodeled_definition_missing_model_is_reported if {
	findings := _findings({"surface": [_spec]}, "TMS-API-002")
	count(findings) == 1
}

# TMS-API-003

test_undocumented_route_is_info if {
	doc := _input([_spec, _operation("public", true), _route("POST", "/debug/:id", "POST /debug/{}")])
	findings := _findings(doc, "TMS-API-003")
	count(findings) == 1
	some f in findings
	f.severity == "info"
	f.subject == "http.route:cmd/server/main.go#POST /debug/:id"
	f.message == `http.route "POST /debug/:id in cmd/server/main.go" is served in code but no API definition declares POST /debug/{}`
}

test_undocumented_route_documented_passes if {
	doc := _input([_spec, _operation("public", true), _route("GET", "/pets/", "GET /pets")])
	count(_findings(doc, "TMS-API-003")) == 0
}

test_undocumented_route_with_base_path_passes if {
	doc := _input([_spec, _operation("public", true), _route("GET", "/v1/pets", "GET /v1/pets")])
	count(_findings(doc, "TMS-API-003")) == 0
}

test_undocumented_route_any_method_matches_path if {
	doc := _input([_spec, _operation("public", true), _route("ANY", "/pets", "ANY /pets")])
	count(_findings(doc, "TMS-API-003")) == 0
}

test_undocumented_route_any_method_other_path_is_reported if {
	doc := _input([_spec, _operation("public", true), _route("ANY", "/metrics", "ANY /metrics")])
	count(_findings(doc, "TMS-API-003")) == 1
}

test_undocumented_route_other_method_is_reported if {
	doc := _input([_spec, _operation("public", true), _route("DELETE", "/pets", "DELETE /pets")])
	count(_findings(doc, "TMS-API-003")) == 1
}

test_undocumented_route_grpc_binding_documents if {
	method := {
		"id": "grpc.method:proto/shop.proto#shop.Orders/Get",
		"kind": "grpc.method",
		"name": "/shop.Orders/Get",
		"exposure": "unknown",
		"attributes": {"endpoint": "GET /v1/orders/{}", "endpoints": ["GET /v1/orders/{}"]},
		"location": {"path": "proto/shop.proto", "line": 5},
	}
	doc := _input([_spec, method, _route("GET", "/v1/orders/{id}", "GET /v1/orders/{}")])
	count(_findings(doc, "TMS-API-003")) == 0
}

test_undocumented_route_below_unknown_prefix_passes if {
	route := json.patch(_route("GET", "/cart", "GET /cart"), [{"op": "add", "path": "/attributes/prefix_unknown", "value": true}])
	doc := _input([_spec, _operation("public", true), route])
	count(_findings(doc, "TMS-API-003")) == 0
}

test_undocumented_route_without_definition_passes if {
	doc := _input([_operation("public", true), _route("POST", "/debug", "POST /debug")])
	count(_findings(doc, "TMS-API-003")) == 0
}

test_undocumented_route_accepted_passes if {
	route := _route("GET", "/metrics", "GET /metrics")
	doc := object.union(_input([_spec, route]), {"model": {"acceptances": [{
		"id": "A-2", "surface": route.id, "reason": "scraped by Prometheus only",
		"approved_by": "bob", "expires": "2026-09-30",
	}]}})
	count(_findings(doc, "TMS-API-003")) == 0
}

test_undocumented_route_without_endpoint_is_skipped if {
	route := json.remove(_route("GET", "/x", "GET /x"), ["attributes/endpoint"])
	count(_findings(_input([_spec, route]), "TMS-API-003")) == 0
}

_in(item, path) := object.union(item, {"location": {"path": path, "line": 3}})

test_route_missing_from_spec_is_judged_per_service if {
	spec := _in(_spec, "services/bookings/api/openapi.yaml")
	documented_service := _in(_route("POST", "/debug", "POST /debug"), "services/bookings/src/App.java")
	other_service := _in(_route("GET", "/up", "GET /up"), "services/accounts/config/routes.rb")
	doc := _input([spec, _operation("public", true), documented_service, other_service])
	findings := {f.surface | some f in api.deny; f.rule == "TMS-API-003"} with input as doc
	findings == {documented_service.id}
}

# TMS-API-004

_field(operation, exposure) := {
	"id": sprintf("graphql.field:graph/schema.graphqls#%s.addReview", [operation]),
	"kind": "graphql.field",
	"name": sprintf("%s addReview in graph/schema.graphqls", [operation]),
	"exposure": exposure,
	"attributes": {"operation": operation, "field": "addReview", "arguments": ["isbn"], "type": "Review"},
	"location": {"path": "graph/schema.graphqls", "line": 7},
}

test_graphql_mutation_unanswered_is_low if {
	findings := _findings(_input([_field("mutation", "unknown")]), "TMS-API-004")
	{[f.severity, f.message, f.location.line] | some f in findings} == {[
		"low",
		`graphql.field "mutation addReview in graph/schema.graphqls" changes state and nothing in the threat model says how its callers are authenticated (exposure unknown)`,
		7,
	]}
	public := _findings(_input([_field("mutation", "public")]), "TMS-API-004")
	{f.severity | some f in public} == {"low"}
}

test_graphql_query_internal_or_answered_mutation_passes if {
	surface := [_field("query", "public"), _field("subscription", "unknown"), _field("mutation", "internal")]
	count(_findings(_input(surface), "TMS-API-004")) == 0
	field := _field("mutation", "public")
	doc := object.union(_input([field]), {
		"model": {"threats": [{"id": "T-1", "stride": ["spoofing"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}]},
		"coverage": {field.id: {"mitigations": ["M-1"], "threats": []}},
	})
	count(_findings(doc, "TMS-API-004")) == 0
}

test_graphql_field_without_operation_passes if {
	field := json.remove(_field("mutation", "public"), ["attributes/operation"])
	count(_findings(_input([field]), "TMS-API-004")) == 0
}
