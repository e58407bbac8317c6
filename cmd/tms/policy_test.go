package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const (
	tutorialPath = "../../docs/custom-rules.md"
	tutorialDir  = "../../docs/custom-rules/ratelimit"
)

// TestCustomRuleTutorial runs docs/custom-rules.md as a reader would: the
// files it shows must be the ones in the repository, their tests must pass,
// and the rule must report what the tutorial says it reports.
func TestCustomRuleTutorial(t *testing.T) {
	tutorial := readTutorial(t)
	for _, name := range []string{"ratelimit.rego", "ratelimit_test.rego"} {
		file, err := os.ReadFile(tutorialDir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(tutorial, file) {
			t.Errorf("docs/custom-rules.md does not show %s as it is in the repository", name)
		}
	}

	code, stdout, stderr := runTMS(t, "policy", "test", tutorialDir)
	if code != exitPass || !strings.HasSuffix(stdout, " passed, 0 failed\n") {
		t.Errorf("policy test: exit %d\n%s%s", code, stdout, stderr)
	}

	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	code, stdout, stderr = runTMS(t, "eval", "--repo", exampleRepo, "--policy", tutorialDir)
	found := findingsOf(stdout, "PAY-RATE-001")
	if code != exitBlocked || len(found) != 3 {
		t.Fatalf("eval: exit %d and %d PAY-RATE-001 findings, want 1 and 3:\n%s%s",
			code, len(found), stdout, stderr)
	}
	if shown := strings.Join(found, "\n\n"); !bytes.Contains(tutorial, []byte(shown)) {
		t.Errorf("docs/custom-rules.md does not show the findings the rule reports:\n%s", shown)
	}
}

// TestCustomRuleTutorialSettings runs the .tms.yaml the tutorial shows, with
// the rule where it says, on a copy of the example repository: the rule
// loads and its data: narrows it to routes.
func TestCustomRuleTutorialSettings(t *testing.T) {
	settings := codeBlockAfter(t, readTutorial(t), "name its directory in `.tms.yaml`", "yaml")
	repo := t.TempDir()
	if err := os.CopyFS(repo, os.DirFS(exampleRepo)); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(repo, "policies/payments"), os.DirFS(tutorialDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, ".tms.yaml"), []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	code, stdout, stderr := runTMS(t, "eval", "--repo", repo)
	found := findingsOf(stdout, "PAY-RATE-001")
	if code != exitBlocked || len(found) != 1 || !strings.Contains(found[0], "GET /orders") {
		t.Errorf("eval with the tutorial's .tms.yaml: exit %d, PAY-RATE-001 findings %q, "+
			"want GET /orders alone\n%s", code, found, stderr)
	}
	code, stdout, stderr = runTMS(t, "policy", "list", "--repo", repo)
	if code != exitPass || !regexp.MustCompile(`PAY-RATE-001 .*policies/payments\n`).MatchString(stdout) {
		t.Errorf("policy list: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestExportedLibraryRunsUnderOPA runs the OPA CLI commands of the tutorial
// on the files `tms policy export` writes: a team outside this repository
// tests and checks its rules with them and nothing else.
func TestExportedLibraryRunsUnderOPA(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the OPA CLI")
	}
	dir := t.TempDir()
	code, stdout, stderr := runTMS(t, "policy", "export", dir)
	if code != exitPass || !strings.Contains(stdout, filepath.Join(dir, "lib", "finding.rego")) {
		t.Fatalf("policy export: exit %d\n%s%s", code, stdout, stderr)
	}

	commands := codeBlockAfter(t, readTutorial(t), "tms policy export .tms-opa", "")
	lines := strings.Split(strings.TrimSpace(commands), "\n")
	for _, line := range lines {
		args := strings.Fields(strings.ReplaceAll(line, ".tms-opa", dir))
		if len(lines) != 2 || len(args) == 0 || args[0] != "opa" {
			t.Fatalf("the tutorial's OPA commands include %q", line)
		}
		args = append([]string{"tool", "opa"}, args[1:]...)
		for i, a := range args {
			if strings.HasPrefix(a, "docs/") {
				args[i] = "../../" + a
			}
		}
		out, err := exec.Command("go", args...).CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s", line, err, out)
		}
	}
}

func readTutorial(t *testing.T) []byte {
	t.Helper()
	tutorial, err := os.ReadFile(tutorialPath)
	if err != nil {
		t.Fatal(err)
	}
	return tutorial
}

// codeBlockAfter returns the body of the first code block that follows
// marker in doc; with an empty lang, the rest of the block that holds marker.
func codeBlockAfter(t *testing.T, doc []byte, marker, lang string) string {
	t.Helper()
	_, rest, ok := strings.Cut(string(doc), marker)
	if lang != "" {
		_, rest, ok = strings.Cut(rest, "```"+lang+"\n")
	}
	block, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatalf("docs/custom-rules.md has no code block after %q", marker)
	}
	return block
}

// findingsOf returns the findings of the text report that rule reported,
// each as its lines.
func findingsOf(report, rule string) []string {
	var found []string
	for _, block := range strings.Split(report, "\n\n") {
		if strings.Contains(block, " "+rule+" ") {
			found = append(found, block)
		}
	}
	return found
}

// TestRuleReferenceIsGenerated keeps docs/rules.md equal to `tms policy doc`.
// Run go test ./cmd/tms -update after changing a rule's METADATA.
func TestRuleReferenceIsGenerated(t *testing.T) {
	code, stdout, stderr := runTMS(t, "policy", "doc")
	if code != exitPass {
		t.Fatalf("policy doc: exit %d\n%s", code, stderr)
	}
	compareGolden(t, "../../docs/rules.md", []byte(stdout))
}

func runTMS(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}
