package routes

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// summary renders an item as its line, id "what", framework and handler, and
// a trailing "?" when its prefix is unknown: the form the table tests use.
func summary(it extractors.Item) string {
	what := it.ID[len(Kind)+1+len(it.Location.Path)+1:]
	handler, ok := it.Attributes["handler"].(string)
	if !ok {
		handler = "-"
	}
	s := fmt.Sprintf("%d %s %s %s", it.Location.Line, what, it.Attributes["framework"], handler)
	if it.Attributes["prefix_unknown"] == true {
		s += " ?"
	}
	return s
}

// extractCase is one table test of an extractor: a fixture file or inline
// source, the summaries of its items, and the line of its error.
type extractCase struct {
	name     string
	path     string // under testdata when src is empty
	src      string
	want     []string
	wantLine int // 0 for no error, -1 for an error without a line
}

func runCases(t *testing.T, x extractors.Extractor, cases []extractCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			content := []byte(tc.src)
			if tc.src == "" {
				content = extractortest.Fixture(t, "testdata", tc.path)
			}
			items, err := x.Extract(extractors.File{Path: tc.path, Content: content},
				extractortest.DirRepo("testdata"))
			got := []string{}
			for _, it := range items {
				got = append(got, summary(it))
			}
			if tc.want == nil {
				tc.want = []string{}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if line := extractortest.ErrorLine(err); line != tc.wantLine {
				t.Errorf("error %v at line %d, want line %d", err, line, tc.wantLine)
			}
		})
	}
}

func TestItem(t *testing.T) {
	r := route{method: "get", path: "/users/{id}", framework: "net/http",
		handler: "getUser", line: 12, host: "api.example.com", prefixUnknown: true}
	want := extractors.Item{
		ID:       "http.route:svc/main.go#GET api.example.com/users/{id}",
		Kind:     "http.route",
		Name:     "GET api.example.com/users/{id} in svc/main.go",
		Exposure: extractors.ExposureUnknown,
		Attributes: map[string]any{
			"method": "GET", "path": "/users/{id}", "framework": "net/http",
			"endpoint": "GET /users/{}", "handler": "getUser",
			"host": "api.example.com", "prefix_unknown": true,
		},
		Location: extractors.Location{Path: "svc/main.go", Line: 12},
	}
	if diff := cmp.Diff(want, r.item("svc/main.go")); diff != "" {
		t.Errorf("item (-want +got):\n%s", diff)
	}

	bare := route{path: "/", framework: "express", line: 1}.item("app.js")
	wantAttrs := map[string]any{
		"method": "ANY", "path": "/", "framework": "express", "endpoint": "ANY /",
	}
	if diff := cmp.Diff(wantAttrs, bare.Attributes); diff != "" {
		t.Errorf("attributes without handler (-want +got):\n%s", diff)
	}
}

func TestToItemsKeepsTheFirstRegistration(t *testing.T) {
	items := toItems("a.go", []route{
		{method: "GET", path: "/b", line: 9},
		{method: "GET", path: "/a", line: 7},
		{method: "GET", path: "/b", line: 3},
	})
	var got []string
	for _, it := range items {
		got = append(got, fmt.Sprintf("%s@%d", it.ID, it.Location.Line))
	}
	want := []string{"http.route:a.go#GET /a@7", "http.route:a.go#GET /b@3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestJoinPath(t *testing.T) {
	tests := []struct{ prefix, path, want string }{
		{"", "/x", "/x"},
		{"/api", "", "/api"},
		{"/api", "/", "/api/"},
		{"/api/", "/", "/api/"},
		{"/api/", "/users", "/api/users"},
		{"/api", "users", "/api/users"},
		{"api/", "users/<int:id>/", "api/users/<int:id>/"},
	}
	for _, tt := range tests {
		if got := joinPath(tt.prefix, tt.path); got != tt.want {
			t.Errorf("joinPath(%q, %q) = %q, want %q", tt.prefix, tt.path, got, tt.want)
		}
	}
}

func TestUnseen(t *testing.T) {
	if err := (unseen{}).err(); err != nil {
		t.Errorf("no unseen route gave %v", err)
	}
	one := unseen{7}.err()
	if extractortest.ErrorLine(one) != 7 {
		t.Errorf("one unseen route: %v", one)
	}
	many := unseen{9, 4, 12}.err()
	want := "line 4: 3 routes registered with a path that is not a string literal"
	if many == nil || many.Error() != want {
		t.Errorf("three unseen routes: %v, want %q", many, want)
	}
}
