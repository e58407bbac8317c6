package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fixtureRepos holds repositories written the way real projects are, one
// folder each. The extractors' tests pin their surface; this file pins what
// the rules make of it.
const fixtureRepos = "../../testdata/repos"

// fixtureFinding is the part of a JSON report finding that the summary shows.
type fixtureFinding struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Action     string `json:"action"`
	Surface    string `json:"surface"`
	Subject    string `json:"subject"`
	NewSurface bool   `json:"new_surface"`
	Location   struct {
		Path string `json:"path"`
		Line int    `json:"line"`
	} `json:"location"`
}

// fixtureReport is the part of the JSON report that the summary shows.
type fixtureReport struct {
	Decision string           `json:"decision"`
	Findings []fixtureFinding `json:"findings"`
	Summary  struct {
		Block   int `json:"block"`
		Warn    int `json:"warn"`
		Info    int `json:"info"`
		Surface int `json:"surface"`
	} `json:"summary"`
}

// TestFixtureFindings runs every rule over every fixture repository. Each
// repository is copied, given a baseline with tms init, and then evaluated
// against an empty model, so that all its surface is unmodeled and every
// rule that judges surface has its say. The findings are summarised one per
// line in testdata/repos/<name>.findings.txt; run with -update to rewrite
// them, and read the diff as a reviewer would.
func TestFixtureFindings(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	entries, err := os.ReadDir(fixtureRepos)
	if err != nil {
		t.Fatal(err)
	}
	emptyModel := filepath.Join(t.TempDir(), "empty-model.yaml")
	if err := os.WriteFile(emptyModel, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			dir := copyFixture(t, e.Name())
			initBaseline(t, dir)

			report := evalJSON(t, dir, "--model", emptyModel)
			golden := filepath.Join(fixtureRepos, e.Name()+".findings.txt")
			compareGolden(t, golden, summarizeFindings(report))
		})
	}
}

// TestFixtureBaselinesAcknowledgeAllSurface checks tms init on every fixture:
// evaluated against the baseline it wrote, no finding may call surface new.
func TestFixtureBaselinesAcknowledgeAllSurface(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	entries, err := os.ReadDir(fixtureRepos)
	if err != nil {
		t.Fatal(err)
	}

	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			dir := copyFixture(t, e.Name())
			initBaseline(t, dir)

			report := evalJSON(t, dir)
			for _, f := range report.Findings {
				if f.NewSurface {
					t.Errorf("%s %s at %s:%d: surface %q is new although tms init wrote the model",
						f.Rule, f.Severity, f.Location.Path, f.Location.Line, f.Surface)
				}
			}
		})
	}
}

// copyFixture copies a fixture repository to a temporary directory, so that
// tms init can write its model without touching the source tree.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(fixtureRepos, name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// initBaseline runs tms init in dir and checks that it wrote a model.
func initBaseline(t *testing.T, dir string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", "--repo", dir}, &stdout, &stderr); code != exitPass {
		t.Fatalf("tms init: exit code %d, want %d\n%s", code, exitPass, stderr.String())
	}
	if stdout.Len() > 0 {
		t.Errorf("tms init wrote to stdout:\n%s", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "threat-model.yaml")); err != nil {
		t.Fatalf("tms init: %v", err)
	}
}

// evalJSON runs tms eval on dir with a JSON report and decodes it. Blocking
// is an expected outcome; a tool error is not.
func evalJSON(t *testing.T, dir string, args ...string) fixtureReport {
	t.Helper()
	args = append([]string{"eval", "--repo", dir, "--format", "json"}, args...)
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	if code != exitPass && code != exitBlocked {
		t.Fatalf("tms eval: exit code %d\n%s", code, stderr.String())
	}

	var report fixtureReport
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("tms eval: decode the JSON report: %v\n%s", err, stdout.String())
	}
	if blocked := report.Decision == "block"; blocked != (code == exitBlocked) {
		t.Errorf("exit code %d with decision %q", code, report.Decision)
	}
	return report
}

// summarizeFindings writes one line per finding, ordered by file and line so
// that a reviewer reads a repository's findings file by file, then the
// decision and the counts.
func summarizeFindings(r fixtureReport) []byte {
	findings := slices.Clone(r.Findings)
	slices.SortStableFunc(findings, func(a, b fixtureFinding) int {
		return cmp.Or(
			cmp.Compare(a.Location.Path, b.Location.Path),
			cmp.Compare(a.Location.Line, b.Location.Line),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Surface, b.Surface),
			cmp.Compare(a.Subject, b.Subject),
		)
	})

	var b strings.Builder
	for _, f := range findings {
		what := f.Surface
		if what == "" {
			what = "(" + f.Subject + ")"
		}
		fmt.Fprintf(&b, "%-5s  %-8s  %-18s  %s:%d  %s\n", strings.ToUpper(f.Action),
			f.Severity, f.Rule, f.Location.Path, f.Location.Line, what)
	}
	fmt.Fprintf(&b, "%s: %d blocking, %d warning, %d info; %d surface items\n",
		r.Decision, r.Summary.Block, r.Summary.Warn, r.Summary.Info, r.Summary.Surface)
	return []byte(b.String())
}
