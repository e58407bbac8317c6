package engine

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// TicketLabel is on every issue tms ticket opens; it is also how tms finds
// its open issues again.
const TicketLabel = "tms"

// ticketTitleLimit caps an issue title, in characters, well below what
// GitHub and GitLab accept.
const ticketTitleLimit = 120

var ticketMarker = regexp.MustCompile(`<!-- tms-finding: ([0-9a-f]{32}) -->`)

// Ticket is the issue tms ticket opens for one finding.
type Ticket struct {
	Title       string
	Body        string // Markdown, opening with the hidden fingerprint marker
	Labels      []string
	Fingerprint string
}

// TicketFingerprints returns the finding fingerprints marked in an issue
// body, so that a finding that has an open issue gets no second one.
func TicketFingerprints(body string) []string {
	var out []string
	for _, m := range ticketMarker.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// Ticket renders the issue for f: a one-line title, and a body that says
// what was found, where, how to fix it and why the issue exists. Labels
// are tms, the severity and the rule id. Repository text is escaped as in
// the Markdown report; file links need LinkBase, since a relative link in
// an issue resolves against the page, so without one the location
// is plain text.
func (o ReportOptions) Ticket(f Finding) Ticket {
	fp := Fingerprint(f)
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- tms-finding: %s -->\n", fp)
	fmt.Fprintf(&b, "**`%s` %s**, severity **%s**", f.Rule, markdownText(f.Title), f.Severity)
	if len(f.Stride) > 0 {
		fmt.Fprintf(&b, " (STRIDE: %s)", markdownText(strings.Join(f.Stride, ", ")))
	}
	fmt.Fprintf(&b, "\n\n%s\n\n", markdownText(f.Message))

	location := markdownText(formatLocation(f))
	if o.LinkBase != "" {
		location = markdownLocation(f, o)
	}
	fmt.Fprintf(&b, "**Where:** %s\n\n", location)
	fmt.Fprintf(&b, "**How to fix:** %s\n\n", markdownText(f.Remediation))
	fmt.Fprintf(&b, "---\n<sub>Opened by tms because the configuration maps %s findings to "+
		"ticket. tms finds this issue by the finding's fingerprint `%s` and opens no other "+
		"while it is open; if it is closed while the finding is still reported, the next run "+
		"opens a new one.</sub>\n", f.Severity, fp)

	return Ticket{
		Title:       ticketTitle(f),
		Body:        b.String(),
		Labels:      []string{TicketLabel, "severity:" + string(f.Severity), f.Rule},
		Fingerprint: fp,
	}
}

// ticketTitle is the rule and the message on one line, cut to the limit. A
// title is plain text, but an @ before a name still gets a zero-width space,
// as in the Markdown report, so that repository text mentions nobody.
func ticketTitle(f Finding) string {
	title := f.Rule + ": " + strings.Join(strings.Fields(f.Message), " ")
	title = strings.ReplaceAll(title, "@", "@\u200b")
	if utf8.RuneCountInString(title) > ticketTitleLimit {
		title = string([]rune(title)[:ticketTitleLimit-1]) + "…"
	}
	return title
}
