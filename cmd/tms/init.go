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

const modelHeader = `Threat model for this repository, kept current by tms.
tms init grouped the surface into components, drew the trust boundaries it
implies, listed the STRIDE threats each kind of surface faces, and proposed
mitigations where the repository shows a control. Everything is unreviewed
or proposed: review each entry, set reviewed_by, confirm or replace the
mitigations, and record acceptances with an approver and an expiry date.
Only a person marks a risk mitigated or accepted.`

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
acknowledged as unreviewed and grouped into components; the trust boundaries
the surface implies; for each component the STRIDE threats its kinds of
surface face, unreviewed; and, where the repository shows a control (an API
security scheme, TLS on an ingress, a non-root image, ...), a mitigation
proposed for a person to confirm. The templates behind this are data: set
templates: FILE in .tms.yaml to use your own.

Nothing is marked reviewed, implemented or accepted. Refuses to replace an
existing model unless --force is given. The file is written atomically.`,
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
	templates, err := engine.LoadTemplates(req.Config.Templates)
	if err != nil {
		return err
	}
	model := engine.Baseline(scan, templates)
	if err := threatmodel.Write(req.ModelPath, model, modelHeader); err != nil {
		return err
	}
	fmt.Fprintf(opts.stderr, "tms: wrote %s: %d surface items in %d components, %d boundaries, "+
		"%d threats, %d proposed mitigations, all for review; commit it, then run `tms eval` in CI\n",
		req.ModelPath, len(model.Surface), len(model.Components), len(model.Boundaries),
		len(model.Threats), len(model.Mitigations))
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
