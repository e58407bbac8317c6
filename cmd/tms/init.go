package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/engine"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

const modelHeader = `Threat model for this repository, read by tms (https://github.com/tms-dev/tms).
Surface items were added by tms init as unreviewed. Review each one, add the
threats that apply, and record mitigations with evidence or acceptances with
an approver and an expiry date. Only a person marks a risk mitigated or
accepted.`

type initOptions struct {
	*globalOptions
	force bool
}

func newInitCmd(global *globalOptions) *cobra.Command {
	opts := &initOptions{globalOptions: global}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a baseline threat model from the repository's current surface",
		Long: `Write a baseline threat model: every surface item found in the repository,
acknowledged with status unreviewed. Nothing is marked mitigated or accepted;
that is for a person to do. Refuses to replace an existing model unless
--force is given. The file is written atomically.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runInit(cmd, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing threat model")
	return cmd
}

func runInit(cmd *cobra.Command, opts *initOptions) error {
	req, err := opts.request(cmd.Context())
	if err != nil {
		return err
	}
	if err := refuseOverwrite(req.ModelPath, opts.force); err != nil {
		return err
	}

	scan, err := engine.ScanRepo(cmd.Context(), req.Repo, req.Config, req.Logger)
	if err != nil {
		return err
	}
	model := engine.Baseline(scan)
	if err := threatmodel.Write(req.ModelPath, model, modelHeader); err != nil {
		return err
	}
	fmt.Fprintf(opts.stderr, "tms: wrote %s with %d surface items, all unreviewed; "+
		"review it and commit it, then run `tms eval` in CI\n", req.ModelPath, len(model.Surface))
	return nil
}

func refuseOverwrite(path string, force bool) error {
	_, err := os.Stat(path)
	switch {
	case err == nil && !force:
		return fmt.Errorf("%s already exists; use --force to replace it", path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}
