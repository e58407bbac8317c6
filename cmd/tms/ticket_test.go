package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tms-dev/tms/cmd/tms/internal/forge/forgetest"
	"github.com/tms-dev/tms/engine"
)

// ticketReport evaluates a copy of the example repository with medium
// findings mapped to ticket, and returns the path of its JSON report.
func ticketReport(t *testing.T) string {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	repo := filepath.Join(t.TempDir(), "example")
	if err := os.CopyFS(repo, os.DirFS("../../testdata/example")); err != nil {
		t.Fatal(err)
	}
	config := "actions:\n  high: block\n  medium: ticket\n  low: log\n"
	if err := os.WriteFile(filepath.Join(repo, ".tms.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "report.json")
	code, _, stderr := runTMS(t, "eval", "--repo", repo, "--output", "json="+report)
	if code != exitBlocked {
		t.Fatalf("tms eval: exit %d, want 1 (the example blocks)\n%s", code, stderr)
	}
	return report
}

// TestTicketOpensEachFindingOnce opens one issue per medium finding, then
// opens nothing on a second run, and leaves alone an issue a person
// opened without the tms label.
func TestTicketOpensEachFindingOnce(t *testing.T) {
	srv := gitHubActions(t, 0)
	srv.AddIssue(forgetest.Issue{Title: "unrelated", Body: "a person's issue"})
	report := ticketReport(t)

	code, stdout, stderr := runTMS(t, "ticket", "--report", report)
	if code != exitPass {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	if !strings.HasSuffix(stdout, "tickets: 3 opened, 0 already open\n") {
		t.Errorf("first run printed:\n%s", stdout)
	}
	opened := srv.Issues()[1:]
	if len(opened) != 3 {
		t.Fatalf("%d issues opened, want the 3 medium findings", len(opened))
	}
	for _, issue := range opened {
		if !slices.Contains(issue.Labels, engine.TicketLabel) ||
			!slices.Contains(issue.Labels, "severity:medium") {
			t.Errorf("issue %q has labels %v", issue.Title, issue.Labels)
		}
		if len(engine.TicketFingerprints(issue.Body)) != 1 {
			t.Errorf("issue %q carries no fingerprint:\n%s", issue.Title, issue.Body)
		}
		if !strings.Contains(issue.Body, "https://github.example/acme/shop/blob/merge999/") {
			t.Errorf("issue %q does not link to the commit:\n%s", issue.Title, issue.Body)
		}
	}

	code, stdout, stderr = runTMS(t, "ticket", "--report", report)
	if code != exitPass || !strings.HasSuffix(stdout, "tickets: 0 opened, 3 already open\n") {
		t.Errorf("second run: exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
	if n := len(srv.Issues()); n != 4 {
		t.Errorf("%d issues after the second run, want 4", n)
	}
}

func TestTicketDryRunAndErrors(t *testing.T) {
	srv := gitHubActions(t, 0)
	report := ticketReport(t)

	code, stdout, _ := runTMS(t, "ticket", "--report", report, "--dry-run")
	if code != exitPass || strings.Count(stdout, "would open ") != 3 || len(srv.Issues()) != 0 {
		t.Errorf("dry run: exit %d, %d issues, stdout:\n%s", code, len(srv.Issues()), stdout)
	}

	srv.FailWrites(403, "Resource not accessible by integration")
	code, _, stderr := runTMS(t, "ticket", "--report", report)
	if code != exitError || !strings.Contains(stderr,
		"github API: POST /repos/acme/shop/issues: HTTP 403 Forbidden") {
		t.Errorf("read-only token: exit %d, stderr %q; want 2 and the status", code, stderr)
	}

	notReport := writeFile(t, "report.json", `{"findings": []}`)
	code, _, stderr = runTMS(t, "ticket", "--report", notReport)
	if code != exitError || !strings.Contains(stderr, "not a tms JSON report") {
		t.Errorf("not a report: exit %d, stderr %q", code, stderr)
	}
}
