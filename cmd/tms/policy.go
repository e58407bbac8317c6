package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/engine"
)

func newPolicyCmd(opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "List, test and document the rules: the built-in library and team rules",
		Long: `Work with the rules tms evaluates: the built-in library plus the team rules
named by --policy or by policies: in .tms.yaml.`,
	}
	cmd.AddCommand(newPolicyListCmd(opts), newPolicyTestCmd(opts), newPolicyDocCmd(opts),
		newPolicyExportCmd(opts))
	return cmd
}

func newPolicyListCmd(opts *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every rule: id, severity, STRIDE, title and source",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := opts.engine(cmd.Context())
			if err != nil {
				return err
			}
			return writeRuleList(opts.stdout, format, eng.Rules())
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	addPolicyFlag(cmd, opts)
	addBundleFlags(cmd, &opts.bundle)
	return cmd
}

func newPolicyDocCmd(opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doc",
		Short: "Print a Markdown reference of every rule, generated from its METADATA",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eng, err := opts.engine(cmd.Context())
			if err != nil {
				return err
			}
			return engine.WriteRuleDoc(opts.stdout, eng.Rules())
		},
	}
	addPolicyFlag(cmd, opts)
	addBundleFlags(cmd, &opts.bundle)
	return cmd
}

func newPolicyTestCmd(opts *globalOptions) *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego tests of the library and of team rules, in process",
		Long: `Run every _test.rego test of the built-in library and of the team rule
directories (the arguments, --policy and policies: in .tms.yaml), compiled
under the same sandbox as evaluation and held to the same rule contract
(METADATA, deny shape, packages, input fields). No OPA CLI is needed. The
tests start from an empty data.tms.config: the data: of .tms.yaml does not
change their outcome.

Exit codes: 0 every test passed, 1 a test failed, 2 the rules or tests do
not compile.`,
		RunE: func(cmd *cobra.Command, dirs []string) error {
			opts.policies = append(opts.policies, dirs...)
			return runPolicyTests(cmd.Context(), opts, verbose)
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test, not only failures")
	addPolicyFlag(cmd, opts)
	return cmd
}

func newPolicyExportCmd(opts *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "export DIR",
		Short: "Write the library that rules import, and the input schema, for the OPA CLI",
		Long: `Write the Rego library that rules import (data.tms.lib) to DIR/lib, and the
JSON Schema of the input to DIR/input.schema.json, so that team rules can be
tested and checked with the OPA CLI alone:

  opa test DIR/lib RULES
  opa check --strict --schema DIR/input.schema.json DIR/lib RULES

Keep DIR out of the policy directories: tms refuses a team directory that
declares package tms.lib, which belongs to the built-in library.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			written, err := engine.ExportLibrary(args[0])
			for _, file := range written {
				fmt.Fprintln(opts.stdout, file)
			}
			return err
		},
	}
}

// engine compiles the library with the team rules of the configuration.
func (o *globalOptions) engine(ctx context.Context) (*engine.Engine, error) {
	cfg, err := o.loadConfig()
	if err != nil {
		return nil, err
	}
	if err := o.loadBundles(ctx, &cfg); err != nil {
		return nil, err
	}
	return engine.NewFromConfig(ctx, cfg)
}

func runPolicyTests(ctx context.Context, opts *globalOptions, verbose bool) error {
	cfg, err := opts.loadConfig()
	if err != nil {
		return err
	}
	sources, err := engine.PolicySources(cfg.Policies)
	if err != nil {
		return err
	}
	// The tests get no data: from .tms.yaml, so they pass the same in every
	// repository, as under opa test.
	results, err := engine.RunTests(ctx, engine.Options{Policies: sources}, cfg.Timeout)
	if err != nil {
		return err
	}

	failed := 0
	for _, r := range results {
		if !r.Passed {
			failed++
		}
		if verbose || !r.Passed {
			writeTestResult(opts.stdout, r)
		}
	}
	fmt.Fprintf(opts.stdout, "%d passed, %d failed\n", len(results)-failed, failed)
	if failed > 0 {
		return errBlocked
	}
	return nil
}

func writeTestResult(w io.Writer, r engine.TestResult) {
	status := "PASS"
	if !r.Passed {
		status = "FAIL"
	}
	fmt.Fprintf(w, "%s  %s.%s  %s\n", status, r.Package, r.Name, r.Location)
	if r.Error != "" {
		fmt.Fprintf(w, "      %s\n", strings.ReplaceAll(r.Error, "\n", "\n      "))
	}
}

func writeRuleList(w io.Writer, format string, rules []engine.Rule) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rules)
	case "text":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tSTRIDE\tTITLE\tSOURCE")
		for _, r := range rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n",
				r.ID, r.Severity, strideLetters(r.Stride), r.Title, r.Source)
		}
		return tw.Flush()
	}
	return fmt.Errorf("--format %q: expected text or json", format)
}

// strideLetters abbreviates categories to the letters of STRIDE, in order.
func strideLetters(stride []string) string {
	var b strings.Builder
	for i, c := range engine.StrideCategories {
		for _, s := range stride {
			if s == c {
				b.WriteByte("STRIDE"[i])
			}
		}
	}
	return b.String()
}
