package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const tutorialDir = "../../docs/custom-rules/ratelimit"

// TestCustomRuleTutorial runs docs/custom-rules.md as a reader would: the
// files it shows must be the ones in the repository, their tests must pass,
// and the rule must report what the tutorial says it reports.
func TestCustomRuleTutorial(t *testing.T) {
	tutorial, err := os.ReadFile("../../docs/custom-rules.md")
	if err != nil {
		t.Fatal(err)
	}
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
	want := "BLOCK  high      PAY-RATE-001  services/api/Dockerfile:10\n" +
		"       port 8080/tcp of services/api/Dockerfile has no rate limiting\n"
	if code != exitBlocked || !strings.Contains(stdout, want) {
		t.Errorf("eval: exit %d, want 1 and:\n%s\ngot:\n%s%s", code, want, stdout, stderr)
	}
	if !bytes.Contains(tutorial, []byte(want)) {
		t.Errorf("docs/custom-rules.md does not show the finding the rule reports:\n%s", want)
	}
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
