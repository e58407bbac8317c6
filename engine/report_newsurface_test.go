package engine

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

func TestMermaidLabel(t *testing.T) {
	tests := map[string]string{
		"services/billing":         "services/billing",
		`a"]) --> b["c`:            "a#34;#93;#41; --#62; b#91;#34;c",
		"two\nlines  and\ttabs":    "two lines and tabs",
		"```":                      "#96;#96;#96;",
		"<b>#1;</b>":               "#60;b#62;#35;1#59;#60;/b#62;",
		"é":                        "#233;",
		strings.Repeat("x", 70):    strings.Repeat("x", mermaidLabelLimit-1) + "#8230;",
		"GET /orders, @types/node": "GET /orders, @types/node",
	}
	for in, want := range tests {
		if got := mermaidLabel(in); got != want {
			t.Errorf("mermaidLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDescribeNewSurface(t *testing.T) {
	refs := []SurfaceRef{
		{Class: ClassEntryPoint, Exposure: "public"}, {Class: ClassEntryPoint, Exposure: "unknown"},
		{Class: ClassEntryPoint, Exposure: "unknown"}, {Class: ClassDependency},
		{Class: ClassOther}, {Class: ClassOther},
	}
	want := "3 entry points (1 public, 2 unknown exposure), 1 dependency, 2 other items"
	if got := describeNewSurface(refs); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := describeNewSurface(refs[3:4]); got != "1 dependency" {
		t.Errorf("a lone dependency is described as %q", got)
	}
}

var mermaidNode = regexp.MustCompile(`(?m)^  ([a-z_0-9]+)[\[(]`)

// TestMermaidCapsTheDiagram draws a change far too large to show and checks
// that the diagram keeps to its node limit and counts what it left out.
func TestMermaidCapsTheDiagram(t *testing.T) {
	var refs []SurfaceRef
	for i := range 100 {
		refs = append(refs, SurfaceRef{
			ID: fmt.Sprintf("dependency:c%d/go.mod#m%02d", i/10, i), Kind: "dependency",
			Name: fmt.Sprintf("m%02d", i), Class: ClassDependency, Component: fmt.Sprintf("c%d", i/10),
		})
	}
	out := mermaidNewSurface(refs)
	nodes := mermaidNode.FindAllStringSubmatch(out, -1)
	if len(nodes) > mermaidNodeLimit {
		t.Errorf("%d nodes, over the limit of %d", len(nodes), mermaidNodeLimit)
	}
	items := strings.Count(out, `["dependency: `)
	want := fmt.Sprintf(`more["and %d more items"]`, 100-items)
	if !strings.Contains(out, want) {
		t.Errorf("the diagram does not say %s:\n%s", want, out)
	}
	if small := mermaidNewSurface(refs[:3]); strings.Contains(small, "more") {
		t.Errorf("a small change is drawn with a note of items left out:\n%s", small)
	}
}

func TestMermaidEdgesCrossBoundaries(t *testing.T) {
	refs := []SurfaceRef{
		{ID: "p", Kind: "container.port", Name: "9000", Class: ClassEntryPoint,
			Exposure: "unknown", Component: "svc"},
		{ID: "r", Kind: "http.route", Name: "GET /", Class: ClassEntryPoint,
			Exposure: "internal", Component: "svc"},
		{ID: "d", Kind: "dependency", Name: "flask", Class: ClassDependency, Component: "svc"},
		{ID: "i", Kind: "container.image", Name: "image", Class: ClassOther, Component: "."},
	}
	want := `flowchart LR
  c1[["svc"]]
  i2["container.port: 9000"]
  src_internet(("internet"))
  i4["http.route: GET /"]
  src_internal(("internal network"))
  i6["dependency: flask"]
  src_third[/"third-party code"/]
  c8[["repository root"]]
  i9["container.image: image"]
  src_internet -->|"exposure unknown"| c1
  c1 --> i2
  src_internal -->|"internal"| c1
  c1 --> i4
  src_third --> i6
  i6 --> c1
  c8 --- i9
`
	if diff := cmp.Diff(want, mermaidNewSurface(refs)); diff != "" {
		t.Errorf("diagram (-want +got):\n%s", diff)
	}
}

// TestMermaidLabelsModelBoundaries labels the edge an item crosses with the
// boundaries of the model that name it, by title, or by id without one.
func TestMermaidLabelsModelBoundaries(t *testing.T) {
	edge := BoundaryRef{ID: "edge", Title: "internet to billing"}
	supply := BoundaryRef{ID: "supply-chain"}
	refs := []SurfaceRef{
		{ID: "p", Kind: "container.port", Name: "9000", Class: ClassEntryPoint,
			Exposure: "public", Component: "svc", Boundaries: []BoundaryRef{edge}},
		{ID: "d", Kind: "dependency", Name: "flask", Class: ClassDependency, Component: "svc",
			Boundaries: []BoundaryRef{supply, {ID: "x", Title: `a"] --> b`}}},
		{ID: "w", Kind: "k8s.workload", Name: "api", Class: ClassOther, Component: "svc",
			Boundaries: []BoundaryRef{edge}},
	}
	out := mermaidNewSurface(refs)
	for _, want := range []string{
		`src_internet -->|"public, crosses internet to billing"| c1`,
		`src_third -->|"crosses supply-chain, a#34;#93; --#62; b"| i4`,
		`c1 ---|"crosses internet to billing"| i6`,
	} {
		if !strings.Contains(out, "  "+want+"\n") {
			t.Errorf("the diagram lacks the edge %s:\n%s", want, out)
		}
	}
}

// TestNewSurfaceFromFindings checks that the report lists each item that
// new-surface findings are about once, classed by the policy library's kind
// sets and grouped as tms init groups components.
func TestNewSurfaceFromFindings(t *testing.T) {
	eng, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	item := func(id, kind, path string, exposure extractors.Exposure) extractors.Item {
		return extractors.Item{ID: id, Kind: kind, Name: id, Exposure: exposure,
			Location: extractors.Location{Path: path, Line: 2}}
	}
	model := threatmodel.New()
	model.Boundaries = []threatmodel.Boundary{
		{ID: "edge", Title: "internet to pay", CrossedBy: []string{"p*"}},
		{ID: "web", Title: "internet to web", CrossedBy: []string{"web:**"}},
	}
	in := &Input{Model: model, Surface: []extractors.Item{
		item("port", "container.port", "services/pay/Dockerfile", "unknown"),
		item("dep", "dependency", "services/pay/go.mod", "internal"),
		item("img", "container.image", "Dockerfile", "unknown"),
		item("old", "dependency", "web/package.json", "internal"),
	}}
	findings := []Finding{
		{Surface: "port", NewSurface: true}, {Surface: "port", NewSurface: true},
		{Surface: "dep", NewSurface: true}, {Surface: "img", NewSurface: true},
		{Surface: "old"}, {Surface: "gone", NewSurface: true},
	}
	got, err := eng.newSurface(context.Background(), findings, in)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID, Class, Component string
		Boundaries           []BoundaryRef
	}
	var rows []row
	for _, ref := range got {
		rows = append(rows, row{ref.ID, ref.Class, ref.Component, ref.Boundaries})
	}
	want := []row{
		{"img", ClassOther, ".", nil},
		{"port", ClassEntryPoint, "services/pay", []BoundaryRef{{"edge", "internet to pay"}}},
		{"dep", ClassDependency, "services/pay", nil},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("new surface (-want +got):\n%s", diff)
	}
}

// The heading says how new the items are: an item tms sync recorded
// unreviewed is listed in the model, and one whose exposure widened since
// the base is changed even when the model records its new fingerprint.
func TestNewSurfaceHeadingCountsHowNew(t *testing.T) {
	port := func(id string, exposure extractors.Exposure) extractors.Item {
		return extractors.Item{ID: id, Kind: "container.port", Exposure: exposure}
	}
	head := []extractors.Item{port("new", "public"), port("synced", "public"),
		port("widened", "public"), port("stale", "public")}
	model := threatmodel.New()
	model.Surface = []threatmodel.SurfaceEntry{
		{ID: "synced", Status: "unreviewed", Fingerprint: head[1].SecurityFingerprint()},
		{ID: "widened", Status: "unreviewed", Fingerprint: head[2].SecurityFingerprint()},
		{ID: "stale", Status: "unreviewed", Fingerprint: port("stale", "internal").SecurityFingerprint()},
	}
	in := &Input{Surface: head, Model: model,
		Base: &BaseFacts{Surface: []extractors.Item{port("widened", "internal")}}}
	refs := []SurfaceRef{{ID: "new"}, {ID: "synced"}, {ID: "widened"}, {ID: "stale"}}

	markSurfaceChanges(refs, in)

	want := "1 surface item the threat model does not list yet; " +
		"1 surface item the threat model lists unreviewed, added by this change; " +
		"2 changed surface items (a new fingerprint or a wider exposure)"
	if got := newSurfaceHeading(refs); got != want {
		t.Errorf("heading:\n got %s\nwant %s", got, want)
	}
}
