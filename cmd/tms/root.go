package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

const rootLong = `tms keeps a repository's threat model in step with its code.

It extracts the attack surface as it stands (dependencies, API definitions
and routes, infrastructure as code, containers, CI workflows, credential
files), compares it with the threat model versioned beside the code
(threat-model.yaml), and evaluates Rego policies that decide which differences
are unmitigated and how severe they are. tms flags and escalates; it never
marks a risk mitigated or accepted on its own.

Exit codes:
  0  nothing blocks
  1  at least one finding blocks (see --fail-on)
  2  tms could not do its job: bad usage, unreadable model or config,
     invalid policy, timeout`

// globalOptions are the flags every command shares.
type globalOptions struct {
	repo     string
	model    string
	config   string
	logLevel string
	policies []string    // --policy, on the commands that evaluate rules
	base     string      // --base, on eval
	bundle   bundleFlags // --bundle and its verification flags, on eval and policy
	stdout   io.Writer
	stderr   io.Writer
	log      *slog.Logger
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &globalOptions{stdout: stdout, stderr: stderr}
	cmd := &cobra.Command{
		Use:           "tms",
		Short:         "Threat-model sync: keep a repository's threat model current",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return opts.setUpLogging()
		},
	}
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())
	})

	flags := cmd.PersistentFlags()
	flags.StringVar(&opts.repo, "repo", ".", "repository to read")
	flags.StringVar(&opts.model, "model", "",
		"threat model file (default: threat-model.yaml, or .json, in --repo)")
	flags.StringVar(&opts.config, "config", "", "settings file (default: .tms.yaml in --repo, if any)")
	flags.StringVar(&opts.logLevel, "log-level", "",
		"debug, info, warn or error (default warn; env TMS_LOG_LEVEL)")

	cmd.AddCommand(newInitCmd(opts), newEvalCmd(opts), newDiffCmd(opts), newSyncCmd(opts),
		newAcceptCmd(opts), newInputCmd(opts), newPolicyCmd(opts), newVersionCmd(opts),
		newBundleCmd(opts), newImportCmd(opts), newExportCmd(opts), newCommentCmd(opts),
		newTicketCmd(opts))
	return cmd
}

// setUpLogging sends logs to stderr, so stdout carries only the report.
func (o *globalOptions) setUpLogging() error {
	name := o.logLevel
	if name == "" {
		name = os.Getenv("TMS_LOG_LEVEL")
	}
	level := slog.LevelWarn
	if name != "" {
		if err := level.UnmarshalText([]byte(strings.ToLower(name))); err != nil {
			return fmt.Errorf("--log-level %q: expected debug, info, warn or error", name)
		}
	}
	handler := slog.NewTextHandler(o.stderr, &slog.HandlerOptions{Level: level})
	o.log = slog.New(handler)
	return nil
}

// addPolicyFlag gives a command the repeatable --policy flag.
func addPolicyFlag(cmd *cobra.Command, opts *globalOptions) {
	cmd.Flags().StringArrayVar(&opts.policies, "policy", nil,
		"directory of team rules to add to the built-in library (repeatable; "+
			"also policies: in .tms.yaml)")
}

// addBaseFlag gives a command --base, the pull-request mode.
func addBaseFlag(cmd *cobra.Command, opts *globalOptions) {
	cmd.Flags().StringVar(&opts.base, "base", "",
		"judge only what the change introduces since the merge base of this git ref "+
			"and HEAD, e.g. origin/main (needs the history: fetch-depth 0)")
}
