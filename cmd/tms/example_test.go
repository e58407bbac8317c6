package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/engine"
)

const exampleRepo = "../../testdata/example"

// exampleGoldenFiles names the golden file of each report format.
var exampleGoldenFiles = map[string]string{
	"text":        "example.eval.text",
	"json":        "example.eval.json",
	"sarif":       "example.eval.sarif",
	"markdown":    "example.eval.md",
	"github":      "example.eval.github",
	"junit":       "example.eval.junit.xml",
	"codequality": "example.eval.codequality.json",
}

// TestExampleGolden runs the README's quick start on the example repository
// and compares every report format with its golden file. Run with -update to
// rewrite them after an intended change.
func TestExampleGolden(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	for _, format := range engine.Formats {
		t.Run(format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"eval", "--repo", exampleRepo, "--format", format}, &stdout, &stderr)
			if code != exitBlocked {
				t.Fatalf("exit code %d, want %d (the example adds an unmodeled service)\n%s",
					code, exitBlocked, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr is not empty:\n%s", stderr.String())
			}
			golden, ok := exampleGoldenFiles[format]
			if !ok {
				t.Fatalf("format %s has no golden file", format)
			}
			compareGolden(t, "../../testdata/"+golden, stdout.Bytes())
		})
	}
}

// TestReadmeShowsRealOutput keeps the README's quick start honest: the output
// it shows must be what the command prints.
func TestReadmeShowsRealOutput(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("../../testdata/example.eval.text")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), string(golden)) {
		t.Errorf("README.md does not show the output of the quick start; " +
			"paste testdata/example.eval.text into it")
	}
}

// TestReadmeOutputHoldsToday runs the quick start as a reader does, on
// today's date rather than the pinned one: the example must not depend on
// the date (an acceptance in it would expire, and from that day a fresh
// clone would print something other than the README shows).
func TestReadmeOutputHoldsToday(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"eval", "--repo", exampleRepo}, &stdout, &stderr); code != exitBlocked {
		t.Fatalf("exit code %d, want %d\n%s", code, exitBlocked, stderr.String())
	}
	golden, err := os.ReadFile("../../testdata/example.eval.text")
	if err != nil {
		t.Fatal(err)
	}
	if stdout.String() != string(golden) {
		t.Errorf("today the quick start prints something other than the README shows; "+
			"make testdata/example independent of the date:\n%s", stdout.String())
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
