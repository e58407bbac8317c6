package engine

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTicketGolden pins the issue tms ticket would open for each finding of
// the tricky report: escaped text, a link to the line, and the marker.
func TestTicketGolden(t *testing.T) {
	var out strings.Builder
	for _, f := range trickyReport(t).Findings {
		ticket := testOptions().Ticket(f)
		out.WriteString("# " + ticket.Title + "\n")
		out.WriteString("labels: " + strings.Join(ticket.Labels, ", ") + "\n\n")
		out.WriteString(ticket.Body + "\n")
	}
	compareGolden(t, filepath.Join("testdata/reports", "tricky.tickets.md"), []byte(out.String()))
}

func TestTicketMarkerRoundTrip(t *testing.T) {
	r := trickyReport(t)
	body := testOptions().Ticket(r.Findings[0]).Body + "\nedited by a person\n" +
		testOptions().Ticket(r.Findings[2]).Body
	want := []string{Fingerprint(r.Findings[0]), Fingerprint(r.Findings[2])}
	if diff := cmp.Diff(want, TicketFingerprints(body)); diff != "" {
		t.Errorf("fingerprints (-want +got):\n%s", diff)
	}
	if got := TicketFingerprints("<!-- tms-finding: nothex -->"); got != nil {
		t.Errorf("found %v in a malformed marker", got)
	}
}

func TestTicketWithoutLinkBase(t *testing.T) {
	f := trickyReport(t).Findings[0]
	body := ReportOptions{}.Ticket(f).Body
	if !strings.Contains(body, "**Where:** svc/a b/Dockerfile:7\n") {
		t.Errorf("without a link base the location should be plain text:\n%s", body)
	}
}

func TestTicketTitle(t *testing.T) {
	f := Finding{Rule: "TMS-X-001", Message: "line\none  " + strings.Repeat("é", 200)}
	title := ticketTitle(f)
	if strings.ContainsAny(title, "\n\r") || !strings.HasPrefix(title, "TMS-X-001: line one é") {
		t.Errorf("title %q", title)
	}
	if n := len([]rune(title)); n != ticketTitleLimit {
		t.Errorf("title has %d characters, want %d", n, ticketTitleLimit)
	}
}
