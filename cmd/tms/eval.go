package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/engine"
)

type evalOptions struct {
	*globalOptions
	format           string
	output           []string       // --output values, as given
	outputs          []reportOutput // the reports to write, parsed from them
	linkBase         string
	pathPrefix       string // --path-prefix, cleaned: "" when the repository is the checkout
	linkDir          string // --link-dir, cleaned like pathPrefix
	failOn           string
	warnOn           string
	failOnNewSurface bool
	timeout          time.Duration
	comment          bool // --comment: post the Markdown report on the pull request
	commentRequired  bool // --comment-required: a failed comment is a tool error
	forge            forgeFlags
}

func newEvalCmd(global *globalOptions) *cobra.Command {
	opts := &evalOptions{globalOptions: global}
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Compare the repository with its threat model and report findings",
		Long: `Extract the repository's surface, compare it with the threat model, and
evaluate the policies. Findings at or above --fail-on block (exit 1); those at
or above --warn-on warn. The report goes to stdout or --output; logs go to
stderr.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEval(cmd.Context(), opts, cmd.Flags().Changed)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "text", "report format: "+strings.Join(engine.Formats, ", "))
	f.StringArrayVarP(&opts.output, "output", "o", nil,
		"write the report to FILE instead of stdout, or add a report with FORMAT=FILE (repeatable)")
	f.StringVar(&opts.linkBase, "link-base", "",
		"URL that prefixes file links in the markdown report (default: relative links)")
	f.StringVar(&opts.linkDir, "link-dir", "",
		"directory of --repo below --link-base, which tms percent-encodes in the links "+
			"(default: none)")
	f.StringVar(&opts.pathPrefix, "path-prefix", "",
		"directory of --repo within the checkout, put before the paths of the sarif, "+
			"codequality, github and junit reports (default: none)")
	f.StringVar(&opts.failOn, "fail-on", "", "block findings at this severity and above (default high)")
	f.StringVar(&opts.warnOn, "warn-on", "", "warn on findings at this severity and above (default medium)")
	f.BoolVar(&opts.failOnNewSurface, "fail-on-new-surface", false,
		"block on any surface missing from the model, whatever its severity")
	f.DurationVar(&opts.timeout, "timeout", 0, "limit on policy evaluation (default 30s)")
	f.BoolVar(&opts.comment, "comment", false,
		"post the Markdown report on the pull request, or edit tms's earlier comment "+
			"(a failure is logged and leaves the exit code to the findings)")
	f.BoolVar(&opts.commentRequired, "comment-required", false,
		"like --comment, but a comment that cannot be posted fails the run with exit 2")
	addForgeFlags(cmd, &opts.forge)
	addPolicyFlag(cmd, global)
	addBaseFlag(cmd, global)
	addBundleFlags(cmd, &global.bundle)
	return cmd
}

func runEval(ctx context.Context, opts *evalOptions, changed func(string) bool) error {
	var scanned engine.ScanProgress
	progress := startProgress(opts.stderr, scanned.Files, isTerminal, progressDelay, progressEvery)
	defer progress.Stop()
	opts.log = progress.logger(opts.log)
	ctx = engine.WithScanProgress(ctx, &scanned)

	req, err := opts.request(ctx)
	if err != nil {
		return err
	}
	if err := opts.applyFlags(&req.Config, changed); err != nil {
		return err
	}
	if err := opts.loadBundles(ctx, &req.Config); err != nil {
		return err
	}

	report, err := engine.Evaluate(ctx, req)
	progress.Stop()
	if err != nil {
		return err
	}
	ro, err := opts.reportOptions(ctx, req)
	if err != nil {
		return err
	}
	if err := opts.writeReports(ro, report); err != nil {
		return err
	}
	if err := opts.postComment(ctx, ro, report); err != nil {
		return err
	}
	if report.Decision == engine.DecisionBlock {
		return errBlocked
	}
	return nil
}

// applyFlags lets flags override .tms.yaml, and checks them before any work.
func (o *evalOptions) applyFlags(cfg *engine.Config, changed func(string) bool) error {
	outputs, err := parseOutputs(o.format, o.output)
	if err != nil {
		return err
	}
	o.outputs = outputs
	if o.pathPrefix, err = cleanCheckoutDir("--path-prefix", o.pathPrefix); err != nil {
		return err
	}
	if o.linkDir, err = cleanCheckoutDir("--link-dir", o.linkDir); err != nil {
		return err
	}
	if err := o.forge.check(); err != nil {
		return err
	}
	if changed("fail-on") {
		s, err := engine.ParseSeverity(o.failOn)
		if err != nil {
			return fmt.Errorf("--fail-on: %w", err)
		}
		cfg.FailOn = s
	}
	if changed("warn-on") {
		s, err := engine.ParseSeverity(o.warnOn)
		if err != nil {
			return fmt.Errorf("--warn-on: %w", err)
		}
		cfg.WarnOn = s
		if !cfg.FailOn.AtLeast(s) {
			return fmt.Errorf("--warn-on %s is above the fail-on severity %s: findings between the two "+
				"would only be info; lower --warn-on to %s or below", s, cfg.FailOn, cfg.FailOn)
		}
	}
	// The flags say what blocks for this run, so the file's per-severity
	// actions step aside rather than silently outrank them.
	if (changed("fail-on") || changed("warn-on")) && len(cfg.Actions) > 0 {
		o.log.Warn("--fail-on and --warn-on replace actions: from the config for this run; " +
			"no finding is marked for a ticket")
		cfg.Actions = nil
	}
	if changed("fail-on-new-surface") {
		cfg.FailOnNewSurface = o.failOnNewSurface
	}
	if changed("timeout") {
		if o.timeout <= 0 {
			return fmt.Errorf("--timeout must be positive")
		}
		cfg.Timeout = o.timeout
	}
	return nil
}
