package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version from the build information is used.
var version = ""

func newVersionCmd(opts *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the tms version and the OPA version it embeds",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			tms, opa := buildVersions()
			_, err := fmt.Fprintf(opts.stdout, "tms %s\nopa %s\n", tms, opa)
			return err
		},
	}
}

func buildVersions() (tms, opa string) {
	tms, opa = version, "unknown"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return orDevel(tms), opa
	}
	if tms == "" {
		tms = info.Main.Version
	}
	for _, dep := range info.Deps {
		if dep.Path == "github.com/open-policy-agent/opa" {
			opa = dep.Version
		}
	}
	return orDevel(tms), opa
}

func orDevel(v string) string {
	if v == "" || v == "(devel)" {
		return "(devel)"
	}
	return v
}
