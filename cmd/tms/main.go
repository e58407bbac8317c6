// Command tms keeps a repository's threat model in step with its code: it
// extracts the attack surface, compares it with threat-model.yaml, and lets
// Rego policies decide what blocks a change.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Exit codes, documented in `tms --help` and the README. A tool error is never
// exit 1, so CI can tell "the change is risky" from "tms could not judge".
const (
	exitPass    = 0 // nothing blocks
	exitBlocked = 1 // at least one finding blocks
	exitError   = 2 // tms could not do its job
)

// errBlocked is returned by a command whose report is written and which must
// exit 1 without printing anything more.
var errBlocked = errors.New("blocked")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	cmd := newRootCmd(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
	switch {
	case err == nil:
		return exitPass
	case errors.Is(err, errBlocked):
		return exitBlocked
	}
	fmt.Fprintf(stderr, "tms: %v\n", err)
	return exitError
}
