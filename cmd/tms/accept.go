package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/engine"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

type acceptOptions struct {
	*globalOptions
	reason     string
	approvedBy string
	expires    string
}

func newAcceptCmd(global *globalOptions) *cobra.Command {
	opts := &acceptOptions{globalOptions: global}
	cmd := &cobra.Command{
		Use:   "accept ID --reason TEXT --approved-by NAME --expires YYYY-MM-DD",
		Short: "Record a person's acceptance of a threat or surface item's risk",
		Long: `Record in the threat model that a named person accepts the risk of a threat
(by its id in the model) or of a surface item (by its id, see tms input)
until a date. An approver and a reason are required, and the expiry may be at
most max_acceptance_days ahead (default 180). A surface acceptance is bound to
the item's security fingerprint: when the item changes, the acceptance lapses.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAccept(cmd, opts, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.reason, "reason", "", "why the risk is acceptable (required)")
	f.StringVar(&opts.approvedBy, "approved-by", "", "the person who accepts the risk (required)")
	f.StringVar(&opts.expires, "expires", "",
		"the date by which the risk is reviewed again, YYYY-MM-DD (required)")
	return cmd
}

func runAccept(cmd *cobra.Command, opts *acceptOptions, target string) error {
	req, err := opts.request(cmd.Context())
	if err != nil {
		return err
	}
	in, err := engine.BuildInput(cmd.Context(), req)
	if err != nil {
		return err
	}
	acceptance, err := engine.NewAcceptance(in, engine.AcceptRequest{
		Target:     target,
		Reason:     opts.reason,
		ApprovedBy: opts.approvedBy,
		Expires:    opts.expires,
		MaxDays:    req.Config.MaxAcceptanceDays,
		Today:      req.Today,
	})
	if err != nil {
		return err
	}

	changes := threatmodel.Changes{AddAcceptance: []threatmodel.Acceptance{acceptance}}
	if err := threatmodel.Apply(req.ModelPath, changes); err != nil {
		return err
	}
	fmt.Fprintf(opts.stderr, "tms: %s: recorded acceptance %s of %s by %s until %s\n",
		req.ModelPath, acceptance.ID, target, acceptance.ApprovedBy, acceptance.Expires)
	return nil
}
