package main

import (
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/tms-dev/tms/engine"
)

func newInputCmd(opts *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "input",
		Short: "Print the policy input document as JSON",
		Long: `Print the JSON document that every policy reads as input: the repository's
files and surface, the parsed threat model, and the run's settings. Use it to
write and debug rules:

  tms input > in.json && go tool opa eval -d policies -i in.json data.tms

With --base, input.base holds the repository and model at the merge base,
as tms eval --base hands them to the rules. Without a threat model yet, the
input holds an empty one, so rules can be written before tms init.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			req, err := opts.request(cmd.Context())
			if err != nil {
				return err
			}
			req.EmptyModelIfMissing = true
			in, _, err := engine.BuildInputs(cmd.Context(), req)
			if err != nil {
				return err
			}
			enc := json.NewEncoder(opts.stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(in)
		},
	}
	addBaseFlag(cmd, opts)
	return cmd
}
