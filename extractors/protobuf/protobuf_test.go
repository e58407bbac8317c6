package protobuf

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func service(file, pkg, name string, line int, methods ...any) extractors.Item {
	full := name
	if pkg != "" {
		full = pkg + "." + name
	}
	if methods == nil {
		methods = []any{}
	}
	return extractors.Item{
		ID: "grpc.service:" + file + "#" + full, Kind: "grpc.service", Name: full,
		Exposure:   extractors.ExposureUnknown,
		Attributes: map[string]any{"package": pkg, "service": name, "methods": methods},
		Location:   extractors.Location{Path: file, Line: line},
	}
}

// method builds an expected rpc item; attrs holds the request, response,
// streaming shape and any HTTP binding.
func method(file, pkg, svc, name string, line int, attrs map[string]any) extractors.Item {
	full := svc
	if pkg != "" {
		full = pkg + "." + svc
	}
	attrs["package"], attrs["service"], attrs["method"] = pkg, svc, name
	if _, ok := attrs["streaming"]; !ok {
		attrs["streaming"] = "unary"
	}
	return extractors.Item{
		ID: "grpc.method:" + file + "#" + full + "/" + name, Kind: "grpc.method",
		Name: "/" + full + "/" + name, Exposure: extractors.ExposureUnknown,
		Attributes: attrs, Location: extractors.Location{Path: file, Line: line},
	}
}

func library() []extractors.Item {
	const f, pkg, svc = "library.proto", "example.library.v1", "LibraryService"
	const shelfBook = "/v1/{name=shelves/*/books/*}"
	empty := "google.protobuf.Empty"
	return []extractors.Item{
		method(f, pkg, "Admin", "Reindex", 37,
			map[string]any{"request": empty, "response": empty}),
		method(f, pkg, svc, "Chat", 34, map[string]any{
			"request": "ChatMessage", "response": "ChatMessage", "streaming": "bidi",
		}),
		method(f, pkg, svc, "DeleteBook", 23, map[string]any{
			"request": "DeleteBookRequest", "response": empty,
			"http":     map[string]any{"method": "DELETE", "path": shelfBook},
			"endpoint": "DELETE /v1/{}", "endpoints": []any{"DELETE /v1/{}"},
		}),
		method(f, pkg, svc, "GetBook", 15, map[string]any{
			"request": "GetBookRequest", "response": "Book",
			"http":      map[string]any{"method": "GET", "path": shelfBook},
			"endpoint":  "GET /v1/{}",
			"endpoints": []any{"GET /v1/books/{}", "GET /v1/{}", "POST /v1/books:get"},
		}),
		method(f, pkg, svc, "HeadShelf", 27, map[string]any{
			"request": ".example.library.v1.GetShelfRequest", "response": "Shelf",
			"http":     map[string]any{"method": "HEAD", "path": "/v1/shelves/{shelf}"},
			"endpoint": "HEAD /v1/shelves/{}", "endpoints": []any{"HEAD /v1/shelves/{}"},
		}),
		method(f, pkg, svc, "ListBooks", 32, map[string]any{
			"request": "ListBooksRequest", "response": "Book", "streaming": "server",
		}),
		method(f, pkg, svc, "UploadBooks", 33, map[string]any{
			"request": "Book", "response": "UploadSummary", "streaming": "client",
		}),
		service(f, pkg, "Admin", 37, "Reindex"),
		service(f, pkg, svc, 11,
			"GetBook", "DeleteBook", "HeadShelf", "ListBooks", "UploadBooks", "Chat"),
	}
}

func TestExtract(t *testing.T) {
	empty := map[string]any{"request": "Empty", "response": "Empty"}
	receipt := func(request string) map[string]any {
		return map[string]any{"request": request, "response": "Receipt"}
	}
	tests := []struct {
		path     string
		want     []extractors.Item
		wantLine int // line of the returned error: 0 for none
	}{
		{path: "library.proto", want: library()},
		{path: "broken.proto", wantLine: 9, want: []extractors.Item{
			method("broken.proto", "shop", "Orders", "Place", 5, receipt("Order")),
			method("broken.proto", "shop", "Refunds", "Refund", 13, receipt("Receipt")),
			service("broken.proto", "shop", "Orders", 4, "Place"),
			service("broken.proto", "shop", "Payments", 8),
			service("broken.proto", "shop", "Refunds", 12, "Refund"),
		}},
		{path: "bare.proto", wantLine: 3, want: []extractors.Item{
			method("bare.proto", "", "Ping", "Ping", 2, empty),
			method("bare.proto", "", "Ping", "Pong", 5, map[string]any{
				"request": "Empty", "response": "Empty",
			}),
			service("bare.proto", "", "Ping", 1, "Ping", "Pong"),
		}},
		{path: "messages.proto"},
		{path: "garbage.proto", wantLine: 1},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := extractortest.ExtractFixture(t, New(), "testdata", tt.path)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

func TestHTTPOptionForms(t *testing.T) {
	tests := []struct {
		name, option string
		want         map[string]any // http, endpoints
	}{
		{
			name: "patch with body",
			option: `option (google.api.http) = ` +
				`{ patch: "/v1/{book.name=books/*}" body: "book" };`,
			want: map[string]any{
				"http":      map[string]any{"method": "PATCH", "path": "/v1/{book.name=books/*}"},
				"endpoints": []any{"PATCH /v1/{}"},
			},
		},
		{
			name:   "angle brackets and a list of bindings",
			option: `option (google.api.http) = { put: "/a" additional_bindings: [<put: "/b">] };`,
			want: map[string]any{
				"http":      map[string]any{"method": "PUT", "path": "/a"},
				"endpoints": []any{"PUT /a", "PUT /b"},
			},
		},
		{
			name: "additional bindings nest only once",
			option: `option (google.api.http) = { get: "/a" additional_bindings { get: "/b" ` +
				`additional_bindings { get: "/c" } } };`,
			want: map[string]any{
				"http":      map[string]any{"method": "GET", "path": "/a"},
				"endpoints": []any{"GET /a", "GET /b"},
			},
		},
		{
			name:   "another option",
			option: `option (my.http) = { get: "/a" };`,
			want:   map[string]any{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "syntax = \"proto3\";\nservice S {\n  rpc M(A) returns (B) {\n    " +
				tt.option + "\n  }\n}\n"
			file := extractors.File{Path: "s.proto", Content: []byte(src)}
			items, err := New().Extract(file, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]any{}
			for _, key := range []string{"http", "endpoints"} {
				if v, ok := items[0].Attributes[key]; ok {
					got[key] = v
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("http attributes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"api.proto": true, "proto/v1/LIB.PROTO": true,
		"api.proto.bak": false, "protobuf.go": false, "proto": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
