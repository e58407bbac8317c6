package openapi

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// op builds an expected operation item: attrs holds what the case is about,
// and the fields every operation has default to an unremarkable value.
func op(file, method, path string, line int, exposure extractors.Exposure,
	attrs map[string]any) extractors.Item {
	defaults := map[string]any{
		"method": method, "path": path, "operation_id": "", "deprecated": false,
		"secured": false, "security": []any{}, "servers": []any{},
	}
	for k, v := range defaults {
		if _, ok := attrs[k]; !ok {
			attrs[k] = v
		}
	}
	at := file
	if p, ok := attrs["at"]; ok {
		at = p.(string)
		delete(attrs, "at")
	}
	return extractors.Item{
		ID: "api.operation:" + file + "#" + method + " " + path, Kind: "api.operation",
		Name: method + " " + path + " in " + file, Exposure: exposure,
		Attributes: attrs, Location: extractors.Location{Path: at, Line: line},
	}
}

func definition(file, name string, line int, exposure extractors.Exposure,
	attrs map[string]any) extractors.Item {
	return extractors.Item{
		ID: "api.spec:" + file, Kind: "api.spec", Name: name, Exposure: exposure,
		Attributes: attrs, Location: extractors.Location{Path: file, Line: line},
	}
}

func list(s ...string) []any { return strings2any(s) }

const public, internal, unknown = extractors.ExposurePublic, extractors.ExposureInternal,
	extractors.ExposureUnknown

var petstoreServers = list("https://eu.api.petstore.example.com/v1")

func petstore() []extractors.Item {
	const f = "petstore.yaml"
	v := func(attrs map[string]any) map[string]any {
		attrs["spec_version"] = "3.0.3"
		return attrs
	}
	return []extractors.Item{
		op(f, "DELETE", "/pets/{petId}", 33, public, v(map[string]any{
			"operation_id": "deletePet", "deprecated": true, "secured": true,
			"security": list("api_key", "bearer"), "servers": petstoreServers,
			"endpoint":  "DELETE /pets/{}",
			"endpoints": list("DELETE /pets/{}", "DELETE /v1/pets/{}"),
		})),
		op(f, "GET", "/admin/stats", 44, internal, v(map[string]any{
			"operation_id": "stats", "secured": true, "security": list("bearer"),
			"servers":  list("http://admin.petstore.svc.cluster.local:8080/"),
			"endpoint": "GET /admin/stats", "endpoints": list("GET /admin/stats"),
		})),
		op(f, "GET", "/health", 49, internal, v(map[string]any{
			"servers":  list("http://10.0.3.7:9090"),
			"endpoint": "GET /health", "endpoints": list("GET /health"),
		})),
		op(f, "GET", "/pets", 16, public, v(map[string]any{
			"operation_id": "listPets", "servers": petstoreServers,
			"endpoint": "GET /pets", "endpoints": list("GET /pets", "GET /v1/pets"),
		})),
		op(f, "GET", "/pets/{petId}", 26, public, v(map[string]any{
			"operation_id": "showPet", "security": list("bearer"), "servers": petstoreServers,
			"endpoint": "GET /pets/{}", "endpoints": list("GET /pets/{}", "GET /v1/pets/{}"),
		})),
		op(f, "POST", "/pets", 21, public, v(map[string]any{
			"operation_id": "createPet", "secured": true, "security": list("bearer"),
			"servers": petstoreServers, "endpoint": "POST /pets",
			"endpoints": list("POST /pets", "POST /v1/pets"),
		})),
		definition(f, "Petstore", 2, public, map[string]any{
			"title": "Petstore", "version": "1.4.0", "spec_version": "3.0.3",
			"operations": 6, "security_schemes": list("api_key", "bearer"),
		}),
	}
}

func swagger() []extractors.Item {
	const f = "swagger.json"
	servers := list("https://billing.example.org/api/v2")
	return []extractors.Item{
		op(f, "GET", "/invoices", 12, public, map[string]any{
			"operation_id": "listInvoices", "secured": true, "security": list("oauth"),
			"servers": servers, "spec_version": "2.0", "endpoint": "GET /invoices",
			"endpoints": list("GET /api/v2/invoices", "GET /invoices"),
		}),
		op(f, "GET", "/invoices/{id}/", 16, public, map[string]any{
			"operation_id": "getInvoice", "servers": servers, "spec_version": "2.0",
			"endpoint":  "GET /invoices/{}",
			"endpoints": list("GET /api/v2/invoices/{}", "GET /invoices/{}"),
		}),
		op(f, "POST", "/invoices", 13, public, map[string]any{
			"operation_id": "createInvoice", "servers": servers, "spec_version": "2.0",
			"endpoint":  "POST /invoices",
			"endpoints": list("POST /api/v2/invoices", "POST /invoices"),
		}),
		definition(f, "Billing 💶", 2, public, map[string]any{
			"title": "Billing 💶", "version": "2", "spec_version": "2.0",
			"operations": 3, "security_schemes": list("oauth"),
		}),
	}
}

func split() []extractors.Item {
	const f, paths = "split/openapi.yaml", "split/paths/users.yaml"
	v := func(method, path string, attrs map[string]any) map[string]any {
		attrs["spec_version"], attrs["servers"] = "3.1.0", list("/api")
		attrs["endpoint"] = method + " " + path
		attrs["endpoints"] = list(method+" /api"+path, method+" "+path)
		return attrs
	}
	basic := func(id string) map[string]any {
		return map[string]any{"operation_id": id, "secured": true, "security": list("basic")}
	}
	return []extractors.Item{
		op(f, "GET", "/groups", 17, unknown, v("GET", "/groups", basic("listGroups"))),
		op(f, "GET", "/users", 2, unknown, v("GET", "/users",
			map[string]any{"operation_id": "listUsers", "at": paths})),
		op(f, "GET", "/users/{id}", 9, unknown, v("GET", "/users/{}",
			map[string]any{"operation_id": "getUser", "secured": true,
				"security": list("basic"), "at": paths})),
		op(f, "HEAD", "/groups", 20, unknown, v("HEAD", "/groups", basic("listGroups"))),
		op(f, "PATCH", "/users/{id}", 12, unknown, v("PATCH", "/users/{}",
			map[string]any{"operation_id": "updateUser", "at": paths})),
		op(f, "POST", "/users", 4, unknown, v("POST", "/users",
			map[string]any{"operation_id": "createUser", "at": paths})),
		definition(f, "Users", 1, unknown, map[string]any{
			"title": "Users", "version": "0.9", "spec_version": "3.1.0",
			"operations": 6, "security_schemes": list("basic"),
		}),
	}
}

func gateway() []extractors.Item {
	const f = "multi.yaml"
	servers := list("http://localhost:8080", "https://127.0.0.1")
	return []extractors.Item{
		op(f, "PURGE", "/ping", 14, internal, map[string]any{
			"operation_id": "purge", "servers": servers, "spec_version": "3.1.0",
			"endpoint": "PURGE /ping", "endpoints": list("PURGE /ping"),
		}),
		op(f, "QUERY", "/ping", 15, internal, map[string]any{
			"operation_id": "search", "servers": servers, "spec_version": "3.1.0",
			"endpoint": "QUERY /ping", "endpoints": list("QUERY /ping"),
		}),
		definition(f, "Gateway", 6, internal, map[string]any{
			"title": "Gateway", "version": "3", "spec_version": "3.1.0",
			"operations": 2, "security_schemes": list(),
		}),
	}
}

func shapes() []extractors.Item {
	const f = "shapes.yaml"
	return []extractors.Item{
		op(f, "GET", "/ok", 6, unknown, map[string]any{
			"spec_version": "3.0.0", "endpoint": "GET /ok", "endpoints": list("GET /ok"),
		}),
		definition(f, "Shapes", 1, unknown, map[string]any{
			"title": "Shapes", "version": "1", "spec_version": "3.0.0",
			"operations": 1, "security_schemes": list(),
		}),
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		path     string
		want     []extractors.Item
		wantLine int // line of the returned error: 0 for none, -1 for no line
	}{
		{path: "petstore.yaml", want: petstore()},
		{path: "swagger.json", want: swagger()},
		{path: "split/openapi.yaml", want: split(), wantLine: 12},
		{path: "multi.yaml", want: gateway()},
		{path: "shapes.yaml", want: shapes(), wantLine: 3},
		{path: "listpaths.yaml", wantLine: 2, want: []extractors.Item{
			definition("listpaths.yaml", "listpaths.yaml", 1, unknown, map[string]any{
				"title": "", "version": "", "spec_version": "3.0.0",
				"operations": 0, "security_schemes": list(),
			}),
		}},
		{path: "broken.yaml", wantLine: 6},
		{path: "broken.json", wantLine: 5},
		{path: "not-openapi.yaml"},
		{path: "nested.json"},
		{path: "broken-nested.json"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := extractortest.ExtractFixture(t, New(), "testdata", tt.path)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"openapi.yaml": true, "api/v1/spec.YML": true, "swagger.json": true,
		"openapi.yaml.bak": false, "main.go": false, "api.proto": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
