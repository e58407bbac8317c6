package convert

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// readRisks imports the risks of the model's individual risk categories as
// threats. Threagile's built-in risk rules run only in Threagile; their
// risks reach tms only through risk_tracking.
func (r *threagileReader) readRisks(root *fields) {
	for _, p := range r.section(root, "individual_risk_categories") {
		f := r.b.fields(p.value, quoted("risk category", p.key))
		catID := f.text("id")
		if f == nil || catID == "" {
			r.b.report(p.node, quoted("risk category", p.key), "has no id; not imported")
			continue
		}
		what := quoted("risk category", catID)
		f.describing(what)
		stride := r.b.stride(p.node, what, []string{f.text("stride")})
		info := threagileRisk{
			mitigation: cmpOrText(oneLine(f.text("action")), firstLine(f.text("mitigation"))),
		}
		for _, rp := range f.entries("risks_identified") {
			r.readRisk(rp, catID, f.text("description"), stride, info)
		}
	}
}

func (r *threagileReader) readRisk(p pair, catID, description string, stride []string,
	info threagileRisk) {
	f := r.b.fields(p.value, quoted("risk", p.key))
	parts := []string{
		f.text("most_relevant_technical_asset"), f.text("most_relevant_communication_link"),
		f.text("most_relevant_trust_boundary"), f.text("most_relevant_shared_runtime"),
		f.text("most_relevant_data_asset"),
	}
	id := syntheticRiskID(catID, parts)
	what := quoted("risk", id)
	f.describing(what)

	t := threatmodel.Threat{
		ID:          id,
		Title:       cmpOrText(plainTitle(p.key), id),
		Description: description,
		Stride:      append([]string{}, stride...),
		Severity:    r.severity(f, what),
		AppliesTo:   []string{},
		Status:      "unreviewed",
	}
	for _, part := range parts[:4] {
		t.AppliesTo = appendNew(t.AppliesTo, r.surfaceFor(part)...)
	}
	if len(t.AppliesTo) == 0 {
		r.b.report(p.node, what, "names no technical asset, link, trust boundary or shared "+
			"runtime that was imported; applies to no surface")
	}
	if r.b.addThreat(p.node, what, t) != nil {
		r.risks[id] = info
	}
}

// syntheticRiskID is the id Threagile gives a risk: its category, then each
// most relevant element that is set, joined by "@", data asset last.
func syntheticRiskID(category string, parts []string) string {
	id := category
	for _, part := range parts {
		if part != "" {
			id += "@" + part
		}
	}
	return id
}

func (r *threagileReader) severity(f *fields, what string) string {
	v := f.text("severity")
	if s, ok := threagileSeverity[key(v)]; ok {
		return s
	}
	r.b.report(f.at(), what, "severity %q is not a Threagile severity; left empty", v)
	return ""
}

// readTracking applies risk_tracking. An entry may name a risk defined in
// the file, several of them through "*" wildcards, or a risk of Threagile's
// built-in rules, which is imported from the entry alone.
func (r *threagileReader) readTracking(root *fields) {
	entries := r.section(root, "risk_tracking")
	direct := map[string]bool{}
	for _, p := range entries {
		if !strings.Contains(p.key, "*") {
			direct[p.key] = true
		}
	}

	for _, p := range entries {
		f := r.b.fields(p.value, quoted("risk tracking", p.key))
		if f == nil {
			r.b.report(p.node, quoted("risk tracking", p.key), "not a mapping; not imported")
			continue
		}
		if !strings.Contains(p.key, "*") {
			if _, ok := r.risks[p.key]; !ok {
				r.builtInRisk(p)
			}
			r.track(p, p.key, f)
			continue
		}
		matched := r.wildcardMatches(p.key, direct)
		if len(matched) == 0 {
			r.b.report(p.node, quoted("risk tracking", p.key), "a wildcard that matches no risk "+
				"this file defines (tms does not compute Threagile's built-in risks); not imported")
		}
		for _, id := range matched {
			r.track(p, id, f)
		}
	}
}

// wildcardMatches lists the risks a wildcard entry names, as Threagile reads
// it: "*" stands for one id part. Risks with an entry of their own keep it.
func (r *threagileReader) wildcardMatches(pattern string, direct map[string]bool) []string {
	expr := strings.ReplaceAll(regexp.QuoteMeta(pattern), `\*`, `[^@]+`)
	re, err := regexp.Compile("^" + expr + "$")
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range r.b.model.Threats {
		if _, defined := r.risks[t.ID]; defined && !direct[t.ID] && re.MatchString(t.ID) {
			out = append(out, t.ID)
		}
	}
	return out
}

// builtInRisk imports a risk known only from its tracking entry.
func (r *threagileReader) builtInRisk(p pair) {
	parts := strings.Split(p.key, "@")
	t := threatmodel.Threat{
		ID: p.key, Stride: []string{}, AppliesTo: []string{}, Status: "unreviewed",
	}
	var names []string
	for _, part := range parts[1:] {
		t.AppliesTo = appendNew(t.AppliesTo, r.surfaceFor(part)...)
		names = append(names, cmpOrText(r.titles[part], part))
	}
	t.Title = fmt.Sprintf("Threagile risk %s at %s", parts[0], strings.Join(names, ", "))
	if len(names) == 0 {
		t.Title = "Threagile risk " + parts[0]
	}
	what := quoted("risk", p.key)
	r.b.report(p.node, what, "a risk of Threagile's built-in rules, which tms does not run; "+
		"imported from its tracking entry without severity or STRIDE category")
	if r.b.addThreat(p.node, what, t) != nil {
		r.risks[p.key] = threagileRisk{}
	}
}
