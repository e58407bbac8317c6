package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/engine"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

func newDiffCmd(opts *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "diff",
		Short: "Show how the repository's surface differs from the threat model",
		Long: `Show, for a person, what changed between the repository and its threat model:
new surface, changed surface (with the exposure and the security attributes
that changed, read from the commit the model recorded when in git), surface
gone from the repository, mitigation evidence that no longer exists, and
reviewed entries without a fingerprint (unbound), whose exposure and
fingerprint a person copies in after checking the item. Nothing is written. Exit 0 whatever the differences.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			diff, _, err := opts.diff(cmd, true)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(opts.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(diff)
			}
			if format != "text" {
				return fmt.Errorf("--format %q: expected text or json", format)
			}
			return engine.WriteDiff(opts.stdout, diff)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

type syncOptions struct {
	*globalOptions
	check            bool
	failOnNewSurface bool
}

func newSyncCmd(global *globalOptions) *cobra.Command {
	opts := &syncOptions{globalOptions: global}
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Record new, changed and vanished surface in the threat model",
		Long: `Write the repository's surface changes into the threat model: new surface is
added with status unreviewed, surface that changed or came back is set back to
unreviewed with its new fingerprint, and surface gone from the repository is
marked removed. Comments, key order and formatting of the file are kept, and
the file is replaced atomically.

tms sync never marks anything reviewed, mitigated or accepted and never fills
a reviewer field: that is for a person to do in the file, or with tms accept.

With --check nothing is written and the exit code is 1 when the model is out
of date, for CI. With --fail-on-new-surface the model is written and the exit
code is 1 when new surface was found.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSync(cmd, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.check, "check", false, "write nothing; exit 1 when the model is out of date")
	cmd.Flags().BoolVar(&opts.failOnNewSurface, "fail-on-new-surface", false,
		"exit 1 when new surface was found (the model is still written)")
	return cmd
}

func runSync(cmd *cobra.Command, opts *syncOptions) error {
	diff, modelPath, err := opts.diff(cmd, opts.check)
	if err != nil {
		return err
	}
	changes := diff.SyncChanges()
	if opts.check {
		if err := engine.WriteDiff(opts.stdout, diff); err != nil {
			return err
		}
		if !changes.Empty() {
			return errBlocked
		}
		return nil
	}

	if !changes.Empty() {
		if err := threatmodel.Apply(modelPath, changes); err != nil {
			return err
		}
	}
	rerecorded := diff.Rerecorded()
	fmt.Fprintf(opts.stderr, "tms: %s: %d added as unreviewed, %d set back to unreviewed, "+
		"%d marked removed", modelPath, len(changes.AddSurface),
		countStatus(changes, "unreviewed")-rerecorded, countStatus(changes, "removed"))
	if rerecorded > 0 {
		fmt.Fprintf(opts.stderr, "; %d already unreviewed recorded with its new fingerprint",
			rerecorded)
	}
	fmt.Fprintln(opts.stderr)
	if opts.failOnNewSurface && len(changes.AddSurface) > 0 {
		return errBlocked
	}
	return nil
}

func countStatus(c threatmodel.Changes, status string) int {
	n := 0
	for _, u := range c.UpdateSurface {
		if u.Status == status {
			n++
		}
	}
	return n
}

// diff builds the input and compares its surface with its model. With
// explain, each changed item names what changed, which reads earlier
// commits: only output for a person needs it.
func (o *globalOptions) diff(cmd *cobra.Command, explain bool) (engine.Diff, string, error) {
	req, err := o.request(cmd.Context())
	if err != nil {
		return engine.Diff{}, "", err
	}
	in, err := engine.BuildInput(cmd.Context(), req)
	if err != nil {
		return engine.Diff{}, "", err
	}
	diff := engine.DiffModel(in)
	if explain {
		if err := engine.ExplainChanges(cmd.Context(), req, &diff); err != nil {
			return engine.Diff{}, "", err
		}
	}
	return diff, req.ModelPath, nil
}
