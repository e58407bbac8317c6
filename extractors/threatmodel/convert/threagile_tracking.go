package convert

import (
	"cmp"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// threagileTracking is one risk_tracking entry.
type threagileTracking struct {
	at            *yaml.Node
	status        string
	justification string
	ticket        string
	date          string
	checkedBy     string
}

// track applies a tracking entry to the risk with this id. Only an
// acceptance by a named person with a justification is taken over as one;
// "mitigated" becomes a proposed mitigation, since Threagile names no
// evidence in the repository.
func (r *threagileReader) track(p pair, riskID string, f *fields) {
	t := threagileTracking{
		at: p.node, status: cmp.Or(f.text("status"), trackUnchecked),
		justification: strings.TrimSpace(f.text("justification")),
		ticket:        f.text("ticket"), date: f.text("date"), checkedBy: f.text("checked_by"),
	}
	threat := r.b.threat(riskID)
	if threat == nil {
		return // not imported, and reported where it was dropped
	}
	threat.Description = joinParagraphs(threat.Description, t.note())
	what := quoted("risk", riskID)

	switch t.status {
	case trackUnchecked, trackInDiscussion:
	case trackInProgress:
		r.mitigation(riskID, "planned")
	case trackMitigated:
		r.mitigation(riskID, "proposed")
		r.b.report(t.at, what, "mitigated in Threagile%s, which names no evidence in the "+
			"repository; imported as a proposed mitigation", t.by())
	case trackAccepted, trackFalsePositive:
		r.accept(riskID, what, t)
	default:
		r.b.report(t.at, what, "risk tracking status %q is not one Threagile defines; "+
			"the risk stays unreviewed", t.status)
	}
}

// note records the tracking entry in the threat's description, so that the
// ticket and the justification stay with the threat.
func (t threagileTracking) note() string {
	if t.status == trackUnchecked && t.justification == "" && t.ticket == "" {
		return ""
	}
	note := "Threagile risk tracking: " + t.status + t.by()
	if t.date != "" {
		note += " on " + t.date
	}
	if t.ticket != "" {
		note += ", ticket " + t.ticket
	}
	if t.justification != "" {
		note += ": " + t.justification
	}
	return note
}

func (t threagileTracking) by() string {
	if t.checkedBy == "" {
		return ""
	}
	return " (checked by " + t.checkedBy + ")"
}

// mitigation adds a mitigation of the risk on the surface it applies to.
func (r *threagileReader) mitigation(riskID, status string) {
	threat := r.b.threat(riskID)
	title := r.risks[riskID].mitigation
	if title == "" {
		title = "Mitigate: " + threat.Title
	}
	r.b.addMitigation(nil, quoted("risk", riskID), threatmodel.Mitigation{
		ID: "M-" + riskID, Title: title, Mitigates: []string{riskID},
		Covers: append([]string{}, threat.AppliesTo...), Evidence: []string{}, Status: status,
	})
}

// accept records an accepted or false-positive risk as an acceptance when
// the entry names who checked it and why. Threagile has no expiry date, so
// the acceptance has none, and tms eval asks a person for one.
func (r *threagileReader) accept(riskID, what string, t threagileTracking) {
	if t.checkedBy == "" || t.justification == "" {
		r.b.report(t.at, what, "%s in Threagile without checked_by and a justification; "+
			"not imported as an acceptance, the risk stays unreviewed", t.status)
		return
	}
	reason := t.justification
	if t.status == trackFalsePositive {
		reason = "False positive: " + reason
	}
	if t.ticket != "" {
		reason += fmt.Sprintf(" (ticket %s)", t.ticket)
	}
	r.b.addAcceptance(t.at, what, threatmodel.Acceptance{
		ID: "A-" + riskID, Threat: riskID, Reason: reason, ApprovedBy: t.checkedBy,
	})
	r.b.report(t.at, what, "%s in Threagile by %s; imported as an acceptance without an "+
		"expiry date (Threagile has none), which tms eval reports until a person sets one",
		t.status, t.checkedBy)
}

// joinParagraphs appends a paragraph to text, with one blank line between.
func joinParagraphs(text, paragraph string) string {
	text, paragraph = strings.TrimSpace(text), strings.TrimSpace(paragraph)
	switch {
	case paragraph == "":
		return text
	case text == "":
		return paragraph
	}
	return text + "\n\n" + paragraph
}

// firstLine is the first non-empty line of text.
func firstLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}
