package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite golden files and txtar scripts with current output")

// pinnedDate is 2026-06-01 UTC, the date every test run is judged on, so that
// acceptance expiry in fixtures does not depend on the day the tests run.
const pinnedDate = "1780272000"

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tms": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the whole-CLI scenarios in testdata/script: each script
// builds a small repository, runs tms on it and checks what a user sees.
func TestScripts(t *testing.T) {
	example, err := filepath.Abs("../../testdata/example")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
			env.Setenv("EXAMPLE", example)
			servers := &bundleServers{}
			env.Values[bundleServersKey{}] = servers
			env.Defer(servers.close)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":           exits,
			"genkeys":         genKeys,
			"tamper":          tamper,
			"registry":        startRegistry,
			"serve-bundle":    serveBundle,
			"bundle-requests": bundleRequests,
			"offline":         offline,
		},
	})
}

// exits runs a command and checks its exact exit code, which `exec` and
// `! exec` cannot: tms's contract tells 1 (blocked) from 2 (tool error).
//
//	exits 2 tms eval --model broken.yaml
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit code", args[0])
	}

	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("exits: %v", err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}
