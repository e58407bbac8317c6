package engine

import (
	"fmt"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// Baseline builds a first model from a scan: every item acknowledged as
// unreviewed and grouped into components, the trust boundaries the surface
// implies, the STRIDE threats each component's kinds of surface face (all
// unreviewed), and, where the repository shows a control, a mitigation
// proposed for a person to confirm. It never marks anything reviewed,
// implemented or accepted.
func Baseline(scan *Scan, t *Templates) *threatmodel.Model {
	b := newBaseliner(scan, t)
	m := threatmodel.New()
	for _, item := range scan.Items {
		m.Surface = append(m.Surface, NewSurfaceEntry(item))
	}
	for _, comp := range b.order {
		m.Components = append(m.Components, b.component(comp))
		m.Threats = append(m.Threats, b.threats(comp)...)
		m.Mitigations = append(m.Mitigations, b.mitigations(comp)...)
	}
	m.Boundaries = b.boundaries()
	return m
}

// NewSurfaceEntry acknowledges an item as unreviewed, recording its exposure
// and fingerprint so that a later change to it shows.
func NewSurfaceEntry(item extractors.Item) threatmodel.SurfaceEntry {
	return threatmodel.SurfaceEntry{
		ID:          item.ID,
		Kind:        item.Kind,
		Status:      "unreviewed",
		Exposure:    string(item.Exposure),
		Fingerprint: item.SecurityFingerprint(),
	}
}

type baseliner struct {
	t      *Templates
	root   string
	layout layout
	order  []string                                // component ids, sorted
	items  map[string][]extractors.Item            // by component
	byCls  map[string]map[string][]extractors.Item // component, class name
	moved  []extractors.Item                       // placed away from their files' component
}

func newBaseliner(scan *Scan, t *Templates) *baseliner {
	b := &baseliner{t: t, root: scan.Root, layout: newLayout(scan.Items),
		items: map[string][]extractors.Item{}, byCls: map[string]map[string][]extractors.Item{}}
	placed := placeItems(b.layout, scan.Items)
	for i, item := range scan.Items {
		comp := placed[i]
		if comp != b.layout.componentOf(itemFile(item)) {
			b.moved = append(b.moved, item)
		}
		if _, seen := b.items[comp]; !seen {
			b.order = append(b.order, comp)
			b.byCls[comp] = map[string][]extractors.Item{}
		}
		b.items[comp] = append(b.items[comp], item)
		if c := t.classOf(item); c != nil {
			b.byCls[comp][c.Name] = append(b.byCls[comp][c.Name], item)
		}
	}
	sort.Strings(b.order)
	return b
}

// id names a component in ids. The files at the top of the repository form
// the component "root", whatever the checkout's folder is called, so that
// every clone derives the same ids ("repo-root" if a folder is named root).
func (b *baseliner) id(comp string) string {
	if comp != "." {
		return comp
	}
	if _, taken := b.items["root"]; taken {
		return "repo-root"
	}
	return "root"
}

// name names a component in titles, where the repository's folder name
// reads better for the files at its top.
func (b *baseliner) name(comp string) string {
	if comp == "." {
		return b.root
	}
	return comp
}

// globs match every given item of a component, by kind, so that a later
// item of the same kind in the same place joins the component. Where such a
// glob would also match an item that moved to the service it deploys, the
// items are named one by one instead.
func (b *baseliner) globs(comp string, items []extractors.Item) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range items {
		g := b.globFor(comp, it)
		if b.matchesMoved(g) {
			g = literalGlob(it.ID)
		}
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return out
}

// globFor matches an item and its kind's neighbours. Ids are
// "<kind>:<file>..." so a component's directory is a prefix of its ids.
// Where the component's subdirectories are other components, "*" stops at
// the first slash, and ids with a "#" part need "*#**". An item deployed
// from elsewhere, such as a Compose service that builds a service's
// directory, is named by its own id.
func (b *baseliner) globFor(comp string, it extractors.Item) string {
	file := itemFile(it)
	switch {
	case path.Dir(file) == comp && b.layout.holdsComponents(comp, file):
		return flatGlob(it, strings.TrimPrefix(comp+"/", "./"))
	case strings.HasPrefix(file, comp+"/"):
		return it.Kind + ":" + comp + "/**"
	}
	return literalGlob(it.ID)
}

func (b *baseliner) matchesMoved(glob string) bool {
	for _, it := range b.moved {
		if matchID(glob, it.ID) {
			return true
		}
	}
	return false
}

func flatGlob(it extractors.Item, dir string) string {
	g := it.Kind + ":" + dir + "*"
	if strings.Contains(it.ID, "#") {
		g += "#**"
	}
	return g
}

func (b *baseliner) component(comp string) threatmodel.Component {
	return threatmodel.Component{
		ID:      b.id(comp),
		Title:   fmt.Sprintf("%s (%d surface items)", b.name(comp), len(b.items[comp])),
		Surface: b.globs(comp, b.items[comp]),
	}
}

func (b *baseliner) threats(comp string) []threatmodel.Threat {
	var out []threatmodel.Threat
	for _, c := range b.t.Classes {
		items := b.byCls[comp][c.Name]
		if len(items) == 0 {
			continue
		}
		for _, tt := range c.Threats {
			out = append(out, threatmodel.Threat{
				ID:        b.threatID(comp, c.Name, tt.Stride),
				Title:     strings.ReplaceAll(tt.Title, "{component}", b.name(comp)),
				Stride:    []string{tt.Stride},
				Severity:  string(tt.Severity),
				AppliesTo: b.classGlobs(c, comp, items),
				Status:    "unreviewed",
			})
		}
	}
	return out
}

// classGlobs name a class's items in a component: by kind, so that a later
// item of the kind joins, unless the class takes only some items of a kind.
func (b *baseliner) classGlobs(c Class, comp string, items []extractors.Item) []string {
	if c.selective() {
		return ids(items)
	}
	return b.globs(comp, items)
}

var strideLetter = map[string]string{
	"spoofing": "S", "tampering": "T", "repudiation": "R",
	"information_disclosure": "I", "denial_of_service": "D", "elevation_of_privilege": "E",
}

func (b *baseliner) threatID(comp, class, stride string) string {
	return "T-" + slug(b.id(comp)) + "-" + class + "-" + strideLetter[stride]
}

func slug(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return strings.Trim(s, "-")
}

// mitigations proposes one mitigation per control the component shows,
// mitigating the component's threats of the control's STRIDE categories.
func (b *baseliner) mitigations(comp string) []threatmodel.Mitigation {
	var out []threatmodel.Mitigation
	for i, ctl := range b.t.Controls {
		shown := matching(b.items[comp], ctl)
		if len(shown) == 0 {
			continue
		}
		covered := shown
		switch {
		case ctl.CoversClass != "":
			covered = b.byCls[comp][ctl.CoversClass]
		case ctl.CoversReferenced != "":
			covered = b.referenced(comp, shown, ctl.CoversReferenced)
		}
		mitigates := b.answeredThreats(comp, covered, ctl.Mitigates)
		if len(mitigates) == 0 {
			continue
		}
		out = append(out, threatmodel.Mitigation{
			ID:        fmt.Sprintf("M-%s-%d", slug(b.id(comp)), i+1),
			Title:     ctl.Title,
			Mitigates: mitigates,
			Covers:    ids(covered),
			Evidence:  files(shown),
			Status:    "proposed",
			Control:   ctl.Control,
		})
	}
	return out
}

// referenced replaces each item by the resource of the component its attr
// names by address ("aws_s3_bucket.logs"), keeping an item whose reference
// the component does not hold.
func (b *baseliner) referenced(comp string, items []extractors.Item, attr string) []extractors.Item {
	byAddress := map[string]extractors.Item{}
	for _, it := range b.items[comp] {
		if _, address, ok := strings.Cut(it.ID, "#"); ok && strings.HasSuffix(it.Kind, ".resource") {
			byAddress[address] = it
		}
	}
	var out []extractors.Item
	for _, it := range items {
		ref, _ := it.Attributes[attr].(string)
		if target, ok := byAddress[ref]; ok {
			it = target
		}
		out = append(out, it)
	}
	return out
}

func matching(items []extractors.Item, ctl Control) []extractors.Item {
	var out []extractors.Item
	for _, it := range items {
		if slices.Contains(ctl.Kinds, it.Kind) && hasAttributes(it.Attributes, ctl.When) {
			out = append(out, it)
		}
	}
	return out
}

func hasAttributes(attrs, want map[string]any) bool {
	for k, v := range want {
		if !reflect.DeepEqual(attrs[k], v) {
			return false
		}
	}
	return true
}

// answeredThreats lists the threats of the covered items' classes in the
// component whose STRIDE category the control answers.
func (b *baseliner) answeredThreats(comp string, covered []extractors.Item, stride []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range covered {
		c := b.t.classOf(it)
		if c == nil {
			continue
		}
		for _, tt := range c.Threats {
			id := b.threatID(comp, c.Name, tt.Stride)
			if slices.Contains(stride, tt.Stride) && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	sort.Strings(out)
	return out
}

// ids are the items' ids as globs that match exactly them: a route's id may
// hold "{id}" or a regexp, which a glob would read as syntax.
func ids(items []extractors.Item) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, literalGlob(it.ID))
	}
	sort.Strings(out)
	return out
}

var globMeta = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`, `]`, `\]`,
	`{`, `\{`, `}`, `\}`)

func literalGlob(id string) string { return globMeta.Replace(id) }

func files(items []extractors.Item) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range items {
		if !seen[it.Location.Path] {
			seen[it.Location.Path] = true
			out = append(out, it.Location.Path)
		}
	}
	sort.Strings(out)
	return out
}
