package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/cmd/tms/internal/forge"
	"github.com/tms-dev/tms/engine"
)

type ticketOptions struct {
	*globalOptions
	forge    forgeFlags
	report   string
	linkBase string
	dryRun   bool
}

func newTicketCmd(global *globalOptions) *cobra.Command {
	opts := &ticketOptions{globalOptions: global}
	cmd := &cobra.Command{
		Use:   "ticket --report FILE",
		Short: "Open one issue per finding that .tms.yaml maps to ticket, never twice",
		Long: `Read a JSON report (tms eval --output json=FILE) and open a GitHub or GitLab
issue for each finding whose severity actions: in .tms.yaml maps to ticket.
Each issue carries the finding's fingerprint in a hidden marker and the
labels tms, severity:<severity> and the rule id; a finding that already has
an open issue with the tms label gets no other, so running ticket again
opens nothing new.

The host, project and token come from the CI environment as for tms
comment (GITHUB_TOKEN needs issues: write; GITLAB_TOKEN the api scope).
A failed call exits 2 with the HTTP status and the API's message.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTicket(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.report, "report", "", "JSON report of tms eval (required)")
	_ = cmd.MarkFlagRequired("report")
	f.StringVar(&opts.linkBase, "link-base", "",
		"URL that prefixes file links in the issues (default: the commit's files on the host)")
	f.BoolVar(&opts.dryRun, "dry-run", false, "list the issues that would be opened, open none")
	addForgeFlags(cmd, &opts.forge)
	return cmd
}

func runTicket(ctx context.Context, opts *ticketOptions) error {
	if err := opts.forge.check(); err != nil {
		return err
	}
	report, err := readReport(opts.report)
	if err != nil {
		return err
	}
	findings := ticketFindings(report)
	if len(findings) == 0 {
		fmt.Fprintln(opts.stdout, "no finding maps to ticket (see actions: in .tms.yaml)")
		return nil
	}

	cfg, err := opts.forge.config()
	if err != nil {
		return err
	}
	f, err := forge.New(cfg)
	if err != nil {
		return err
	}
	open, err := openTickets(ctx, f)
	if err != nil {
		return err
	}
	ro := engine.ReportOptions{LinkBase: commentLinkBase(opts.linkBase, cfg, opts.repo)}
	return fileTickets(ctx, opts.stdout, f, ro, findings, open, opts.dryRun)
}

// fileTickets opens an issue for each finding without an open one, and
// says for each what it did.
func fileTickets(ctx context.Context, w io.Writer, f forge.Forge, ro engine.ReportOptions,
	findings []engine.Finding, open map[string]forge.Issue, dryRun bool) error {
	opened, existing := 0, 0
	for _, finding := range findings {
		t := ro.Ticket(finding)
		if issue, ok := open[t.Fingerprint]; ok {
			existing++
			fmt.Fprintf(w, "already open  %s  %s\n", issueRef(issue), t.Title)
			continue
		}
		if dryRun {
			fmt.Fprintf(w, "would open    %s\n", t.Title)
			continue
		}
		issue, err := f.CreateIssue(ctx, forge.NewIssue{Title: t.Title, Body: t.Body,
			Labels: t.Labels})
		if err != nil {
			return fmt.Errorf("open an issue for %s: %w", t.Title, err)
		}
		opened++
		open[t.Fingerprint] = issue
		fmt.Fprintf(w, "opened        %s  %s\n", issueRef(issue), t.Title)
	}
	fmt.Fprintf(w, "tickets: %d opened, %d already open\n", opened, existing)
	return nil
}

// readReport reads a JSON report as tms eval writes it.
func readReport(path string) (engine.Report, error) {
	var r engine.Report
	data, err := os.ReadFile(path)
	if err != nil {
		return r, fmt.Errorf("--report: %w", err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("--report %s: not a tms JSON report: %w", path, err)
	}
	switch r.Decision {
	case engine.DecisionPass, engine.DecisionWarn, engine.DecisionBlock:
		return r, nil
	}
	return r, fmt.Errorf("--report %s: not a tms JSON report (no decision; "+
		"write one with tms eval --output json=FILE)", path)
}

// ticketFindings are the report's findings marked for a ticket, one per
// fingerprint, most pressing first as the report orders them.
func ticketFindings(r engine.Report) []engine.Finding {
	var out []engine.Finding
	seen := map[string]bool{}
	for _, f := range r.Findings {
		fp := engine.Fingerprint(f)
		if f.Ticket && !seen[fp] {
			seen[fp] = true
			out = append(out, f)
		}
	}
	return out
}

// openTickets maps the fingerprints marked in open tms issues to them.
func openTickets(ctx context.Context, f forge.Forge) (map[string]forge.Issue, error) {
	issues, err := f.OpenIssues(ctx, engine.TicketLabel)
	if err != nil {
		return nil, err
	}
	open := map[string]forge.Issue{}
	for _, issue := range issues {
		for _, fp := range engine.TicketFingerprints(issue.Body) {
			open[fp] = issue
		}
	}
	return open, nil
}

func issueRef(i forge.Issue) string {
	if i.URL != "" {
		return i.URL
	}
	return fmt.Sprintf("#%d", i.Number)
}
