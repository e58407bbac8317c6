package engine

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tms-dev/tms/extractors"
)

// The "What is new" section stays small whatever the change: a line for
// each of the first components, and a diagram of at most mermaidNodeLimit
// nodes, the last of which says how many items it left out.
const (
	newSurfaceLineLimit = 20
	mermaidNodeLimit    = 40
	mermaidLabelLimit   = 60
)

// writeMarkdownNewSurface says what surface the change adds, component by
// component, and draws it with the trust boundaries it crosses.
func writeMarkdownNewSurface(b *strings.Builder, refs []SurfaceRef) {
	if len(refs) == 0 {
		return
	}
	b.WriteString("\n#### What is new\n\n")
	b.WriteString(newSurfaceHeading(refs) + ":\n\n")

	refs = slices.Clone(refs)
	sortSurfaceRefs(refs)
	groups := byComponent(refs)
	for i, g := range groups {
		if i == newSurfaceLineLimit {
			fmt.Fprintf(b, "- and %s more\n", count(len(groups)-i, "component", "components"))
			break
		}
		fmt.Fprintf(b, "- **%s**: %s\n", markdownText(componentLabel(g[0].Component)),
			describeNewSurface(g))
	}
	b.WriteString("\n```mermaid\n")
	b.WriteString(mermaidNewSurface(refs))
	b.WriteString("```\n")
}

// newSurfaceHeading counts the items by how new they are to the model: an
// item tms sync recorded unreviewed is listed, and saying the model does not
// list it would send the reader looking for an entry that is there.
func newSurfaceHeading(refs []SurfaceRef) string {
	by := map[string]int{}
	for _, ref := range refs {
		by[ref.Change]++
	}
	var parts []string
	if n := by[ChangeNew] + by[""]; n > 0 {
		parts = append(parts, count(n, "surface item", "surface items")+
			" the threat model does not list yet")
	}
	if n := by[SurfaceUnreviewed]; n > 0 {
		parts = append(parts, count(n, "surface item", "surface items")+
			" the threat model lists unreviewed, added by this change")
	}
	if n := by[ChangeChanged]; n > 0 {
		parts = append(parts, count(n, "changed surface item", "changed surface items")+
			" (a new fingerprint or a wider exposure)")
	}
	return strings.Join(parts, "; ")
}

// byComponent splits refs, sorted by component, into one group each.
func byComponent(refs []SurfaceRef) [][]SurfaceRef {
	var groups [][]SurfaceRef
	for i, ref := range refs {
		if i == 0 || ref.Component != refs[i-1].Component {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], ref)
	}
	return groups
}

// describeNewSurface counts a component's new items by class, with the
// exposures of its entry points, e.g. "2 entry points (1 public, 1 unknown
// exposure), 1 dependency".
func describeNewSurface(refs []SurfaceRef) string {
	classes := map[string]int{}
	exposures := map[string]int{}
	for _, ref := range refs {
		classes[ref.Class]++
		if ref.Class == ClassEntryPoint {
			exposures[string(ref.Exposure)]++
		}
	}
	var parts []string
	if n := classes[ClassEntryPoint]; n > 0 {
		var seen []string
		for _, e := range []string{"public", "unknown", "internal"} {
			if exposures[e] > 0 {
				seen = append(seen, fmt.Sprintf("%d %s", exposures[e], e))
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s exposure)",
			count(n, "entry point", "entry points"), strings.Join(seen, ", ")))
	}
	if n := classes[ClassDependency]; n > 0 {
		parts = append(parts, count(n, "dependency", "dependencies"))
	}
	if n := classes[ClassOther]; n > 0 {
		parts = append(parts, count(n, "other item", "other items"))
	}
	return strings.Join(parts, ", ")
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func componentLabel(comp string) string {
	if comp == "." {
		return "repository root"
	}
	return comp
}

// mermaidNewSurface draws the new surface as a flowchart: traffic from the
// internet (public or unknown exposure) or the internal network into a
// component and on to its entry point, third-party code through a
// dependency into the component, and the component's other new parts. An
// edge is labelled with the model's own trust boundaries that the item
// crosses, when a boundary's crossed_by already names it.
func mermaidNewSurface(refs []SurfaceRef) string {
	d := &diagram{ids: map[string]string{}, edges: map[string]bool{}}
	left := 0
	for i, ref := range refs {
		if !d.add(ref) {
			left = len(refs) - i
			break
		}
	}

	var b strings.Builder
	b.WriteString("flowchart LR\n")
	for _, n := range d.nodes {
		b.WriteString("  " + n + "\n")
	}
	for _, e := range d.edgeOrder {
		b.WriteString("  " + e + "\n")
	}
	if left > 0 {
		fmt.Fprintf(&b, "  more[\"%s\"]\n",
			mermaidLabel("and "+count(left, "more item", "more items")))
	}
	return b.String()
}

// diagram collects nodes and edges, each once, in the order they are added.
// Node ids are generated, never taken from repository text.
type diagram struct {
	ids       map[string]string // node key to its id
	nodes     []string          // declarations
	edges     map[string]bool
	edgeOrder []string
}

// sources are the nodes on the far side of a trust boundary: id and
// declaration.
var sources = map[string][2]string{
	"internet": {"src_internet", `(("internet"))`},
	"internal": {"src_internal", `(("internal network"))`},
	"third":    {"src_third", `[/"third-party code"/]`},
}

// add draws ref, or returns false when its nodes would not fit beside the
// node that counts what is left out.
func (d *diagram) add(ref SurfaceRef) bool {
	compKey, itemKey, source := "c:"+ref.Component, "i:"+ref.ID, sourceOf(ref)
	needed := 1
	for _, key := range []string{compKey, source} {
		if _, ok := d.ids[key]; !ok && key != "" {
			needed++
		}
	}
	if len(d.nodes)+needed > mermaidNodeLimit-1 {
		return false
	}

	comp := d.node(compKey, "c", `[["%s"]]`, componentLabel(ref.Component))
	item := d.node(itemKey, "i", `["%s"]`, ref.Kind+": "+ref.Name)
	crosses := boundaryLabel(ref.Boundaries)
	switch ref.Class {
	case ClassEntryPoint:
		label := exposureLabel(ref.Exposure)
		if crosses != "" {
			label += ", " + crosses
		}
		d.edge(fmt.Sprintf(`%s -->|"%s"| %s`, d.source(source), mermaidLabel(label), comp))
		d.edge(comp + " --> " + item)
	case ClassDependency:
		d.edge(d.source(source) + labelled(" -->", crosses) + item)
		d.edge(item + " --> " + comp)
	default:
		d.edge(comp + labelled(" ---", crosses) + item)
	}
	return true
}

// boundaryLabel names the model's boundaries an item crosses, by title, or
// by id for one without a title; "" when it crosses none.
func boundaryLabel(bs []BoundaryRef) string {
	if len(bs) == 0 {
		return ""
	}
	var names []string
	for _, b := range bs {
		name := b.Title
		if strings.TrimSpace(name) == "" {
			name = b.ID
		}
		names = append(names, name)
	}
	return "crosses " + strings.Join(names, ", ")
}

// labelled writes an edge's arrow with a label when there is one.
func labelled(arrow, label string) string {
	if label == "" {
		return arrow + " "
	}
	return fmt.Sprintf(`%s|"%s"| `, arrow, mermaidLabel(label))
}

// sourceOf is where traffic or code comes from, across a trust boundary,
// or "" for an item that only belongs to its component.
func sourceOf(ref SurfaceRef) string {
	switch {
	case ref.Class == ClassDependency:
		return "third"
	case ref.Class != ClassEntryPoint:
		return ""
	case ref.Exposure == "internal":
		return "internal"
	}
	// Unknown exposure is drawn as public, as the policies rank it.
	return "internet"
}

func exposureLabel(e extractors.Exposure) string {
	if e == "" || e == "unknown" {
		return "exposure unknown"
	}
	return string(e)
}

func (d *diagram) node(key, prefix, shape, label string) string {
	if id, ok := d.ids[key]; ok {
		return id
	}
	id := fmt.Sprintf("%s%d", prefix, len(d.ids)+1)
	d.ids[key] = id
	d.nodes = append(d.nodes, id+fmt.Sprintf(shape, mermaidLabel(label)))
	return id
}

func (d *diagram) source(key string) string {
	if id, ok := d.ids[key]; ok {
		return id
	}
	id, shape := sources[key][0], sources[key][1]
	d.ids[key] = id
	d.nodes = append(d.nodes, id+shape)
	return id
}

func (d *diagram) edge(e string) {
	if !d.edges[e] {
		d.edges[e] = true
		d.edgeOrder = append(d.edgeOrder, e)
	}
}

// mermaidLabel makes repository text safe inside a quoted Mermaid label:
// one line, at most mermaidLabelLimit characters, and every character but
// letters, digits and plain punctuation written as an entity code (#35;),
// so no text can end the label, the diagram or the code block.
func mermaidLabel(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > mermaidLabelLimit {
		s = string([]rune(s)[:mermaidLabelLimit-1]) + "…"
	}
	var b strings.Builder
	for _, r := range s {
		if safeLabelRune(r) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "#%d;", r)
		}
	}
	return b.String()
}

func safeLabelRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		strings.ContainsRune(" .,:/_+-=@", r)
}
