package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/engine"
)

type evalOptions struct {
	*globalOptions
	format           string
	output           string
	failOn           string
	warnOn           string
	failOnNewSurface bool
	timeout          time.Duration
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
	f.StringVarP(&opts.output, "output", "o", "", "write the report to this file instead of stdout")
	f.StringVar(&opts.failOn, "fail-on", "", "block findings at this severity and above (default high)")
	f.StringVar(&opts.warnOn, "warn-on", "", "warn on findings at this severity and above (default medium)")
	f.BoolVar(&opts.failOnNewSurface, "fail-on-new-surface", false,
		"block on any surface missing from the model, whatever its severity")
	f.DurationVar(&opts.timeout, "timeout", 0, "limit on policy evaluation (default 30s)")
	addPolicyFlag(cmd, global)
	return cmd
}

func runEval(ctx context.Context, opts *evalOptions, changed func(string) bool) error {
	req, err := opts.request(ctx)
	if err != nil {
		return err
	}
	if err := opts.applyFlags(&req.Config, changed); err != nil {
		return err
	}

	report, err := engine.Evaluate(ctx, req)
	if err != nil {
		return err
	}
	if err := writeOutput(opts.stdout, opts.output, func(w io.Writer) error {
		return engine.WriteReport(w, opts.format, report)
	}); err != nil {
		return err
	}
	if report.Decision == engine.DecisionBlock {
		return errBlocked
	}
	return nil
}

// applyFlags lets flags override .tms.yaml, and checks them before any work.
func (o *evalOptions) applyFlags(cfg *engine.Config, changed func(string) bool) error {
	if !validFormat(o.format) {
		return fmt.Errorf("--format %q: expected one of %s", o.format, strings.Join(engine.Formats, ", "))
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

func validFormat(format string) bool {
	for _, f := range engine.Formats {
		if f == format {
			return true
		}
	}
	return false
}
