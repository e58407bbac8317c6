package graphql

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func field(file, typeName, operation, name, fieldType string, line int,
	args ...any) extractors.Item {
	if args == nil {
		args = []any{}
	}
	return extractors.Item{
		ID:       "graphql.field:" + file + "#" + typeName + "." + name,
		Kind:     "graphql.field",
		Name:     operation + " " + name + " in " + file,
		Exposure: extractors.ExposureUnknown,
		Attributes: map[string]any{
			"operation": operation, "field": name, "arguments": args, "type": fieldType,
		},
		Location: extractors.Location{Path: file, Line: line},
	}
}

func TestExtract(t *testing.T) {
	const shop, renamed, extended = "schema.graphqls", "renamed.graphql", "extended.gql"
	tests := []struct {
		path     string
		want     []extractors.Item
		wantLine int // line of the returned error: 0 for none
	}{
		{path: shop, want: []extractors.Item{
			field(shop, "Mutation", "mutation", "addToCart", "Cart!", 13, "productId", "quantity"),
			field(shop, "Query", "query", "me", "User", 9),
			field(shop, "Query", "query", "product", "Product", 7, "id"),
			field(shop, "Query", "query", "products", "[Product!]!", 8,
				"first", "after", "filter"),
			field(shop, "Query", "query", "viewer", "User", 17),
		}},
		{path: renamed, want: []extractors.Item{
			field(renamed, "Events", "subscription", "orderPlaced", "Order", 9, "shopId"),
			field(renamed, "RootQuery", "query", "health", "String!", 6),
		}},
		{path: extended, want: []extractors.Item{
			field(extended, "Commands", "mutation", "cancelOrder", "Order", 10, "id", "reason"),
			field(extended, "Query", "query", "order", "Order", 6, "id"),
		}},
		{path: "broken.graphql", wantLine: 6},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := extractortest.ExtractFixture(t, New(), "testdata", tt.path)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

func TestDuplicateFieldIsListedOnce(t *testing.T) {
	src := "type Query { a: Int }\nextend type Query { a: String }\n"
	items, err := New().Extract(extractors.File{Path: "s.graphql", Content: []byte(src)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []extractors.Item{field("s.graphql", "Query", "query", "a", "Int", 1)}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestCarriageReturnsDoNotShiftLines(t *testing.T) {
	src := "# old Mac line end\rtype Query {\r\n  a: Int\r\n}\n"
	items, err := New().Extract(extractors.File{Path: "s.graphql", Content: []byte(src)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Location.Line != 2 {
		t.Errorf("items %+v, want field a at line 2", items)
	}
	_, err = New().Extract(extractors.File{Path: "s.graphql", Content: []byte("#\r\rtype\n")}, nil)
	if line := extractortest.ErrorLine(err); line != 2 {
		t.Errorf("error %v at line %d, want line 2", err, line)
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"schema.graphql": true, "api/schema.GRAPHQLS": true, "q.gql": true,
		"schema.graphql.orig": false, "graphql.go": false, "schema.json": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
