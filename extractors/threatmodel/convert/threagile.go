package convert

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// threagileReader turns a Threagile model into a tms model. Technical assets
// and their communication links become surface entries; the risks of the
// model's individual risk categories become threats, and risk_tracking sets
// what tms may take over of their status.
type threagileReader struct {
	b      *builder
	titles map[string]string   // technical asset or link id → title
	groups map[string][]string // trust boundary or shared runtime id → asset ids
	links  []threagileLink
	risks  map[string]threagileRisk
}

// threagileLink is a communication link between two technical assets.
type threagileLink struct {
	surface        string
	source, target string
}

// threagileRisk is what a risk's tracking needs to know of it.
type threagileRisk struct {
	mitigation string // the title of a mitigation of it, from its category
}

func readThreagile(b *builder, root *fields) {
	r := &threagileReader{b: b, titles: map[string]string{}, groups: map[string][]string{},
		risks: map[string]threagileRisk{}}
	r.readAssets(root)
	r.readGroups(root)
	r.reportOthers(root)
	r.readRisks(root)
	r.readTracking(root)
}

// section returns the entries of a top-level mapping; any other value makes
// the document unreadable.
func (r *threagileReader) section(root *fields, key string) []pair {
	n := root.node(key)
	if n != nil && n.Kind != yaml.MappingNode {
		r.b.problem(n, "%s is %s (expected a mapping)", key, describe(n))
		return nil
	}
	return root.entries(key)
}

// readAssets imports technical assets and their communication links.
func (r *threagileReader) readAssets(root *fields) {
	for _, p := range r.section(root, "technical_assets") {
		f := r.b.fields(p.value, quoted("technical asset", p.key))
		id := f.text("id")
		if f == nil || id == "" {
			r.b.report(p.node, quoted("technical asset", p.key), "has no id; not imported")
			continue
		}
		what := quoted("technical asset", id)
		f.describing(what)
		entry := threatmodel.SurfaceEntry{
			ID: "threagile.asset:" + id, Kind: "threagile.asset", Exposure: "unknown",
		}
		// internet is Threagile's explicit statement of exposure.
		if internet, set := f.flag("internet"); set {
			entry.Exposure = map[bool]string{true: "public", false: "internal"}[internet]
		}
		if out, _ := f.flag("out_of_scope"); out {
			reason := cmpOrText(f.text("justification_out_of_scope"), "no reason given")
			r.b.report(p.node, what, "out of scope in Threagile (%s); tms has no such status; "+
				"imported unreviewed", reason)
		}
		if !r.b.addSurface(p.node, what, entry) {
			continue
		}
		r.titles[id] = p.key
		surface := append([]string{literal(entry.ID)}, r.readLinks(f, id)...)
		r.b.addComponent(p.node, what, threatmodel.Component{
			ID: id, Title: oneLine(p.key), Surface: surface,
		})
	}
}

// readLinks imports an asset's outgoing links and returns their globs.
func (r *threagileReader) readLinks(asset *fields, assetID string) []string {
	var globs []string
	for _, p := range asset.entries("communication_links") {
		id := threagileLinkID(assetID, p.key)
		what := quoted("communication link", id)
		f := r.b.fields(p.value, what)
		if f == nil {
			r.b.report(p.node, what, "not a mapping; not imported")
			continue
		}
		entry := threatmodel.SurfaceEntry{
			ID: "threagile.link:" + id, Kind: "threagile.link", Exposure: "unknown",
		}
		if r.b.addSurface(p.node, what, entry) {
			r.titles[id] = p.key
			r.links = append(r.links, threagileLink{
				surface: entry.ID, source: assetID, target: f.text("target")})
			globs = append(globs, literal(entry.ID))
		}
	}
	return globs
}

var nonAlphanumeric = regexp.MustCompile(`[^a-z0-9]+`)

// threagileLinkID is the id Threagile gives a communication link: its
// asset's id, ">", and the link's title in lower case with every run of
// other characters made a hyphen.
func threagileLinkID(assetID, title string) string {
	slug := nonAlphanumeric.ReplaceAllString(strings.ToLower(title), "-")
	return assetID + ">" + strings.Trim(slug, "- ")
}

// readGroups reports trust boundaries and shared runtimes, which tms has no
// place for, and remembers the assets in each, for the risks that name them.
func (r *threagileReader) readGroups(root *fields) {
	nested := map[string][]string{}
	boundaries := r.section(root, "trust_boundaries")
	for _, p := range boundaries {
		f := r.b.fields(p.value, quoted("trust boundary", p.key))
		id := cmpOrText(f.text("id"), p.key)
		r.groups[id] = f.texts("technical_assets_inside")
		nested[id] = f.texts("trust_boundaries_nested")
	}
	for id := range nested {
		r.groups[id] = r.boundaryAssets(id, nested, map[string]bool{})
	}
	for _, p := range boundaries {
		r.boundary(p)
	}

	for _, p := range r.section(root, "shared_runtimes") {
		f := r.b.fields(p.value, quoted("shared runtime", p.key))
		id := cmpOrText(f.text("id"), p.key)
		r.groups[id] = f.texts("technical_assets_running")
		r.b.report(p.node, quoted("shared runtime", id), "tms has no shared runtimes; "+
			"the technical assets running on it are imported on their own")
	}
}

// boundaryAssets lists the assets inside a boundary and the boundaries
// nested in it, visiting each boundary once.
func (r *threagileReader) boundaryAssets(id string, nested map[string][]string,
	seen map[string]bool) []string {
	if seen[id] {
		return nil
	}
	seen[id] = true
	assets := append([]string(nil), r.groups[id]...)
	for _, inner := range nested[id] {
		assets = appendNew(assets, r.boundaryAssets(inner, nested, seen)...)
	}
	return assets
}

// boundary keeps a trust boundary as the links that cross it: those with one
// end inside it, nested boundaries included, and the other outside.
func (r *threagileReader) boundary(p pair) {
	id := cmpOrText(r.b.fields(p.value, "").text("id"), p.key)
	inside := map[string]bool{}
	for _, asset := range r.groups[id] {
		inside[asset] = true
	}
	bd := threatmodel.Boundary{ID: id, Title: oneLine(p.key), From: "outside " + oneLine(p.key),
		To: oneLine(p.key), CrossedBy: []string{}}
	for _, l := range r.links {
		if inside[l.source] != inside[l.target] {
			bd.CrossedBy = append(bd.CrossedBy, literal(l.surface))
		}
	}
	if len(bd.CrossedBy) == 0 {
		r.b.report(p.node, quoted("trust boundary", id), "no communication link crosses it, "+
			"so tms has no surface to tie it to; not imported")
		return
	}
	r.b.addBoundary(bd)
}

// reportOthers reports the sections that hold no surface, threats or
// statuses tms could keep.
func (r *threagileReader) reportOthers(root *fields) {
	sections := []struct{ key, word, why string }{
		{"data_assets", "data asset", "tms has no data assets (risks that name it apply to " +
			"the technical assets they name); not imported"},
		{"abuse_cases", "abuse case", "tms has no abuse cases; not imported"},
		{"security_requirements", "security requirement",
			"tms has no security requirements; not imported"},
	}
	for _, s := range sections {
		for _, p := range r.section(root, s.key) {
			name := p.key
			if f := r.b.fields(p.value, s.word); f.text("id") != "" {
				name = f.text("id")
			}
			r.b.report(p.node, quoted(s.word, name), "%s", s.why)
		}
	}
}

// surfaceFor is the surface a risk's id part names: a technical asset, a
// link, or the assets of a trust boundary or shared runtime.
func (r *threagileReader) surfaceFor(part string) []string {
	var out []string
	for _, id := range append([]string{part}, r.groups[part]...) {
		for _, sid := range []string{"threagile.asset:" + id, "threagile.link:" + id} {
			if r.b.hasSurface(sid) {
				out = appendNew(out, literal(sid))
			}
		}
	}
	return out
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// plainTitle drops the HTML that Threagile risk titles carry (<b>...</b>).
func plainTitle(title string) string {
	return oneLine(htmlTag.ReplaceAllString(title, ""))
}

func cmpOrText(v, def string) string {
	if strings.TrimSpace(v) == "" {
		return def
	}
	return v
}
