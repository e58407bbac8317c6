package builtin

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

// polyglotRepo is a dozen microservices in Go, TypeScript, Python, Java, Rust
// and Ruby sharing gRPC contracts in proto/. Its whole surface is golden in
// polyglot.surface.json; the tests below pin, by hand, what a reviewer of
// such a repository checks first.
const polyglotRepo = fixtureRoot + "/polyglot"

// expectedItem is an item that must be found, with the attributes that make
// it what it is; attributes not named here are the extractors' own tests'
// business.
type expectedItem struct {
	found
	attrs map[string]any
}

func item(id, kind, path string, line int, attrs map[string]any) expectedItem {
	return expectedItem{found{id, kind, at(path, line)}, attrs}
}

const (
	catalogProto  = "proto/wayfarer/catalog/v1/catalog.proto"
	pricingProto  = "proto/wayfarer/pricing/v1/pricing.proto"
	paymentsProto = "proto/wayfarer/payments/v1/payments.proto"
	checkoutProto = "proto/wayfarer/checkout/v1/checkout.proto"
	notifyProto   = "proto/wayfarer/notify/v1/notify.proto"
	frontendMain  = "services/frontend/main.go"
	bookingsCtl   = "services/bookings/src/main/java/com/wayfarer/bookings/BookingController.java"
	loyaltyRes    = "services/loyalty/src/main/java/com/wayfarer/loyalty/LoyaltyResource.java"
	bookingsAPI   = "services/bookings/api/openapi.yaml"
	notifyAPI     = "services/notifications/openapi.json"
)

// rpc is a gRPC method item of the polyglot protos.
func rpc(file, pkgService, method string, line int, streaming string) expectedItem {
	return item("grpc.method:"+file+"#"+pkgService+"/"+method, "grpc.method", file, line,
		map[string]any{"method": method, "streaming": streaming})
}

// route is an HTTP route item with the endpoint key that links it to API
// definitions.
func route(file, methodPath string, line int, framework, endpoint string) expectedItem {
	return item("http.route:"+file+"#"+methodPath, "http.route", file, line,
		map[string]any{"framework": framework, "endpoint": endpoint})
}

// dep is a dependency item: direct ones are located in the manifest,
// transitive ones in the lockfile that names them.
func dep(manifest, name, path string, line int, version string, direct bool) expectedItem {
	return item("dependency:"+manifest+"#"+name, "dependency", path, line,
		map[string]any{"version": version, "direct": direct})
}

var polyglotItems = []expectedItem{
	// Shared gRPC contracts, one streaming kind each.
	item("grpc.service:"+catalogProto+"#wayfarer.catalog.v1.CatalogService", "grpc.service",
		catalogProto, 11, map[string]any{
			"methods": []any{"ListTrips", "GetTrip", "WatchAvailability"},
		}),
	rpc(catalogProto, "wayfarer.catalog.v1.CatalogService", "WatchAvailability", 25, "server"),
	rpc(pricingProto, "wayfarer.pricing.v1.PricingService", "GetQuote", 10, "unary"),
	rpc(pricingProto, "wayfarer.pricing.v1.PricingService", "StreamQuotes", 13, "bidi"),
	rpc(paymentsProto, "wayfarer.payments.v1.PaymentService", "UploadSettlements", 13, "client"),
	rpc(notifyProto, "wayfarer.notify.v1.NotificationService", "Subscribe", 13, "server"),
	item("grpc.method:"+checkoutProto+"#wayfarer.checkout.v1.CheckoutService/PlaceOrder",
		"grpc.method", checkoutProto, 11, map[string]any{
			"streaming": "unary", "endpoint": "POST /v1/orders",
		}),

	// HTTP routes, one framework per language.
	route(frontendMain, "HEAD /", 36, "gorilla/mux", "HEAD /"),
	route(frontendMain, "POST /api/checkout", 45, "gorilla/mux", "POST /api/checkout"),
	route("services/catalog/main.go", "GET /metrics", 44, "net/http", "GET /metrics"),
	route("services/notifications/src/server.ts", "ANY /v1/notifications/*", 15, "express",
		"ANY /v1/notifications/{}"),
	route("services/reviews/src/reviews.controller.ts", "DELETE /trips/:tripId/reviews/:reviewId",
		30, "nestjs", "DELETE /trips/{}/reviews/{}"),
	route("services/pricing/pricing/main.py", "GET /v1/quotes/{trip_id}", 24, "fastapi",
		"GET /v1/quotes/{}"),
	route("services/recommendations/app.py", "POST /v1/recommendations/feedback", 36, "flask",
		"POST /v1/recommendations/feedback"),
	route(bookingsCtl, "GET /v1/bookings/lookup", 40, "spring", "GET /v1/bookings/lookup"),
	route(loyaltyRes, "POST /v1/loyalty/{accountId}/redeem", 27, "jax-rs",
		"POST /v1/loyalty/{}/redeem"),
	route("services/accounts/config/routes.rb", "POST /admin/users/:id/impersonate", 19, "rails",
		"POST /admin/users/{}/impersonate"),

	// Dependencies of each service: direct at the manifest, transitive at the
	// lockfile, with the version the lockfile fixes.
	dep("services/frontend/go.mod", "github.com/gorilla/mux", "services/frontend/go.mod", 7,
		"v1.8.1", true),
	dep("services/frontend/go.mod", "golang.org/x/net", "services/frontend/go.mod", 14,
		"v0.61.0", false),
	dep("services/notifications/package.json", "express", "services/notifications/package.json",
		19, "4.21.2", true),
	dep("services/notifications/package.json", "body-parser",
		"services/notifications/package-lock.json", 172, "1.20.3", false),
	dep("services/reviews/package.json", "tslib", "services/reviews/yarn.lock", 123, "2.8.1",
		false),
	dep("services/pricing/pyproject.toml", "fastapi", "services/pricing/pyproject.toml", 10,
		"0.115.6", true),
	dep("services/pricing/pyproject.toml", "starlette", "services/pricing/poetry.lock", 248,
		"0.41.3", false),
	dep("services/bookings/pom.xml", "io.grpc:grpc-netty-shaded", "services/bookings/pom.xml", 47,
		"1.69.0", true),
	dep("services/loyalty/build.gradle", "io.quarkus:quarkus-rest",
		"services/loyalty/build.gradle", 27, "3.17.5", true),
	dep("services/loyalty/build.gradle", "io.vertx:vertx-core", "services/loyalty/gradle.lockfile",
		16, "4.5.11", false),
	dep("services/payments/Cargo.toml", "tonic", "services/payments/Cargo.toml", 10, "0.12.3",
		true),
	dep("services/payments/Cargo.toml", "h2", "services/payments/Cargo.lock", 11, "0.4.7", false),
	dep("services/accounts/Gemfile", "nio4r", "services/accounts/Gemfile.lock", 38, "2.7.4",
		false),
	dep("services/recommendations/requirements.txt", "requests",
		"services/recommendations/requirements.txt", 6, "", true),

	// OpenAPI operations: a public one anyone may call, an internal one.
	item("api.operation:"+bookingsAPI+"#GET /bookings/lookup", "api.operation", bookingsAPI, 30,
		map[string]any{"secured": false}),
	item("api.operation:"+notifyAPI+"#GET /v1/templates", "api.operation", notifyAPI, 49,
		map[string]any{"secured": false}),
}

func walkPolyglot(t *testing.T) *extractors.Result {
	t.Helper()
	res, err := extractors.Walk(context.Background(), polyglotRepo,
		extractors.Options{Extractors: All()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func itemsByID(items []extractors.Item) map[string]extractors.Item {
	byID := make(map[string]extractors.Item, len(items))
	for _, it := range items {
		byID[it.ID] = it
	}
	return byID
}

// TestPolyglotItems checks that the polyglot repository's key surface is
// found with its exact id, kind and place, and the attributes that say what
// it is.
func TestPolyglotItems(t *testing.T) {
	byID := itemsByID(walkPolyglot(t).Items)
	for _, want := range polyglotItems {
		t.Run(want.ID, func(t *testing.T) {
			it, ok := byID[want.ID]
			if !ok {
				t.Fatalf("not found")
			}
			if diff := cmp.Diff(want.found, found{it.ID, it.Kind, it.Location}); diff != "" {
				t.Errorf("item (-want +got):\n%s", diff)
			}
			for name, value := range want.attrs {
				if diff := cmp.Diff(value, it.Attributes[name]); diff != "" {
					t.Errorf("attribute %s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// TestPolyglotOperationsMatchRoutes checks the link between what the API
// definitions declare and what the code serves: each operation's endpoint
// keys (with the servers' base paths) name the route that serves it, and the
// route the definition leaves out matches nothing.
func TestPolyglotOperationsMatchRoutes(t *testing.T) {
	byID := itemsByID(walkPolyglot(t).Items)
	links := []struct{ operation, route string }{
		{bookingsAPI + "#GET /bookings", bookingsCtl + "#GET /v1/bookings"},
		{bookingsAPI + "#POST /bookings", bookingsCtl + "#POST /v1/bookings"},
		{bookingsAPI + "#GET /bookings/lookup", bookingsCtl + "#GET /v1/bookings/lookup"},
		{bookingsAPI + "#GET /bookings/{bookingId}",
			bookingsCtl + "#GET /v1/bookings/{bookingId}"},
		{bookingsAPI + "#DELETE /bookings/{bookingId}",
			bookingsCtl + "#DELETE /v1/bookings/{bookingId}"},
		{notifyAPI + "#GET /v1/templates",
			"services/notifications/src/server.ts#GET /v1/templates"},
	}
	for _, link := range links {
		op, ok := byID["api.operation:"+link.operation]
		if !ok {
			t.Errorf("operation %s not found", link.operation)
			continue
		}
		rt, ok := byID["http.route:"+link.route]
		if !ok {
			t.Errorf("route %s not found", link.route)
			continue
		}
		if keys := endpointKeys(op); !slices.Contains(keys, rt.Attributes["endpoint"]) {
			t.Errorf("route %s (endpoint %v) matches none of %s's endpoints %v",
				link.route, rt.Attributes["endpoint"], link.operation, keys)
		}
	}

	undocumented := byID["http.route:"+bookingsCtl+"#POST /v1/bookings/{bookingId}/force-confirm"]
	for _, it := range byID {
		if it.Kind == "api.operation" &&
			slices.Contains(endpointKeys(it), undocumented.Attributes["endpoint"]) {
			t.Errorf("the undocumented force-confirm route matches %s", it.ID)
		}
	}
}

// endpointKeys is an operation's endpoint keys as the API rules read them:
// its own and those with its servers' base paths in front.
func endpointKeys(op extractors.Item) []any {
	more, _ := op.Attributes["endpoints"].([]any)
	return append([]any{op.Attributes["endpoint"]}, more...)
}

// TestPolyglotQuietFiles checks that nothing is reported from what only looks
// like surface: routes in comments and strings, HTTP client calls (Locust,
// requests), a JAX-RS sub-resource locator, code that registers nothing,
// build and tool configuration. The repository parses cleanly, so it has no
// diagnostics either.
func TestPolyglotQuietFiles(t *testing.T) {
	res := walkPolyglot(t)
	if len(res.Diagnostics) > 0 {
		t.Errorf("diagnostics: %+v", res.Diagnostics)
	}

	quiet := []string{
		".gitignore", "README.md", "proto/buf.yaml", "proto/buf.gen.yaml",
		"services/loadgenerator/locustfile.py",
		"services/frontend/handlers.go", "services/frontend/cart.go",
		"services/catalog/server.go", "services/catalog/store.go",
		"services/pricing/pricing/grpc_server.py", "services/pricing/pricing/auth.py",
		"services/notifications/tsconfig.json",
		"services/reviews/src/main.ts", "services/reviews/src/app.module.ts",
		"services/bookings/src/main/resources/application.yaml",
		"services/bookings/src/main/java/com/wayfarer/bookings/BookingsApplication.java",
		"services/payments/build.rs", "services/payments/src/main.rs",
		"services/accounts/app/controllers/admin/users_controller.rb",
	}
	for _, it := range res.Items {
		if slices.Contains(quiet, it.Location.Path) {
			t.Errorf("%s reported from %s:%d", it.ID, it.Location.Path, it.Location.Line)
		}
	}

	// Paths that appear only in comments, strings and client calls.
	ghosts := []string{
		"/legacy/checkout", "/preview", "/debug/sessions", "/export", "/popular",
		"/trips/[id]", "/v1/trips",
	}
	for _, it := range res.Items {
		if it.Kind != "http.route" {
			continue
		}
		path, _ := it.Attributes["path"].(string)
		for _, ghost := range ghosts {
			if strings.HasSuffix(path, ghost) {
				t.Errorf("%s reported from a comment, a string or a client call", it.ID)
			}
		}
		if strings.Contains(it.ID, "/history") {
			t.Errorf("%s: a sub-resource locator serves no method of its own", it.ID)
		}
	}
	inString := "http.route:services/notifications/src/server.ts#POST /v1/notifications"
	if _, ok := itemsByID(res.Items)[inString]; ok {
		t.Errorf("%s is reported from a string literal", inString)
	}
}
