package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/cmd/tms/internal/forge/forgetest"
)

const actionFile = "../../action.yml"

// action is the part of action.yml that these tests check.
type action struct {
	Inputs  map[string]map[string]string `yaml:"inputs"`
	Outputs map[string]map[string]string `yaml:"outputs"`
	Runs    struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID              string            `yaml:"id"`
	Name            string            `yaml:"name"`
	If              string            `yaml:"if"`
	ContinueOnError bool              `yaml:"continue-on-error"`
	Uses            string            `yaml:"uses"`
	With            map[string]string `yaml:"with"`
	Run             string            `yaml:"run"`
	Shell           string            `yaml:"shell"`
	Env             map[string]string `yaml:"env"`
}

func loadAction(t *testing.T) (action, string) {
	t.Helper()
	data, err := os.ReadFile(actionFile)
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, string(data)
}

// TestActionMetadata checks what GitHub only reports once the action runs: a
// composite step needs a shell, and every input and step output an
// expression names must exist.
func TestActionMetadata(t *testing.T) {
	a, text := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using is %q, want composite", a.Runs.Using)
	}
	ids := map[string]bool{}
	for _, s := range a.Runs.Steps {
		ids[s.ID] = true
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q runs a script without shell: bash", s.Name)
		}
		if s.Uses != "" && !regexp.MustCompile(`@v\d+$`).MatchString(s.Uses) {
			t.Errorf("step %q uses %s, not a major version", s.Name, s.Uses)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q expands an expression inside its script; pass it through env", s.Name)
		}
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(text, -1) {
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("action.yml reads inputs.%s, which it does not declare", m[1])
		}
	}
	stepOutputs := regexp.MustCompile(`steps\.([a-z-]+)\.outputs`)
	for _, m := range stepOutputs.FindAllStringSubmatch(text, -1) {
		if !ids[m[1]] {
			t.Errorf("action.yml reads the outputs of step %q, which does not exist", m[1])
		}
	}
	checkActionVersions(t, "action.yml", text)
}

// TestActionReadOnlyToken checks that only tms's verdict fails the job: a
// fork's or Dependabot's read-only token cannot upload SARIF or comment, so
// those steps run only when the token may write, never fail the job, and
// the Block step runs whatever happened to them.
func TestActionReadOnlyToken(t *testing.T) {
	a, _ := loadAction(t)
	for _, s := range a.Runs.Steps {
		writes := strings.Contains(s.Uses, "upload-sarif") || s.ID == "comment"
		if !writes {
			continue
		}
		if !s.ContinueOnError {
			t.Errorf("step %q can fail on a read-only token; set continue-on-error", s.Name)
		}
		if !strings.Contains(s.If, "steps.access.outputs.writable == 'true'") {
			t.Errorf("step %q runs whatever the token may write: if: %s", s.Name, s.If)
		}
	}

	block := a.Runs.Steps[len(a.Runs.Steps)-1]
	if block.Name != "Block" {
		t.Fatalf("the last step is %q, want Block", block.Name)
	}
	if !strings.Contains(block.If, "!cancelled()") {
		t.Errorf("Block is skipped when an earlier step fails: if: %s", block.If)
	}
	read := regexp.MustCompile(`steps\.([a-z-]+)\.`).FindAllStringSubmatch(block.If, -1)
	if len(read) != 1 || read[0][1] != "eval" {
		t.Errorf("Block must depend on tms's exit code alone: if: %s", block.If)
	}
}

// TestActionBaseInMergeQueue checks that a merge queue's run is in
// pull-request mode like the pull request's: its event carries the base in
// merge_group, not pull_request, and an empty base would judge the whole
// repository.
func TestActionBaseInMergeQueue(t *testing.T) {
	a, _ := loadAction(t)
	base := a.Inputs["base"]["default"]
	for _, field := range []string{"github.event.pull_request.base.sha",
		"github.event.merge_group.base_sha"} {
		if !strings.Contains(base, field) {
			t.Errorf("the base input defaults to %s, without %s", base, field)
		}
	}
	docs, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^  merge_group:`).Match(docs) {
		t.Error("the workflow in docs/ci.md does not run on merge_group")
	}
}

// TestActionCache checks that setup-go does not pretend to cache: its cache
// keys on a go.sum in the workspace, and the action's is not there.
func TestActionCache(t *testing.T) {
	a, _ := loadAction(t)
	setup := slices.IndexFunc(a.Runs.Steps, func(s actionStep) bool {
		return strings.HasPrefix(s.Uses, "actions/setup-go@")
	})
	if setup < 0 || a.Runs.Steps[setup].With["cache"] != "false" {
		t.Fatal("setup-go must run with cache: false; the action caches Go itself")
	}
	cache := slices.IndexFunc(a.Runs.Steps, func(s actionStep) bool {
		return strings.HasPrefix(s.Uses, "actions/cache@")
	})
	if cache < 0 || !strings.Contains(a.Runs.Steps[cache].With["key"], "steps.go-cache") {
		t.Fatal("the action must cache Go with a key computed from its own go.sum")
	}
	if !strings.Contains(actionStepByID(t, a, "go-cache").Run, "sha256sum go.sum") {
		t.Error("the cache key does not hash the action's go.sum")
	}
}

// oldestMajor is the oldest major version of each action that the action and
// the documented workflows may use: older ones are deprecated.
var oldestMajor = map[string]int{
	"actions/checkout":                  5,
	"actions/setup-go":                  6,
	"actions/cache":                     5,
	"github/codeql-action/upload-sarif": 4,
}

// checkActionVersions finds every `uses: NAME@vN` in text and refuses a
// major version below oldestMajor.
func checkActionVersions(t *testing.T, file, text string) {
	t.Helper()
	uses := regexp.MustCompile(`uses:\s*([\w./-]+)@v(\d+)`)
	found := 0
	for _, m := range uses.FindAllStringSubmatch(text, -1) {
		oldest, ok := oldestMajor[m[1]]
		if !ok {
			continue
		}
		found++
		if major, _ := strconv.Atoi(m[2]); major < oldest {
			t.Errorf("%s uses %s@v%s; use v%d or later", file, m[1], m[2], oldest)
		}
	}
	if found == 0 {
		t.Errorf("%s names none of the actions whose versions this test checks", file)
	}
}

// TestActionUsesRealFlags keeps the action in step with the command line:
// every flag its Evaluate step passes must be a flag of tms eval.
func TestActionUsesRealFlags(t *testing.T) {
	a, _ := loadAction(t)
	eval := actionStepByID(t, a, "eval")
	cmd, _, err := newRootCmd(io.Discard, io.Discard).Find([]string{"eval"})
	if err != nil {
		t.Fatal(err)
	}
	flags := regexp.MustCompile(`(?:^|\s|\()--([a-z][a-z-]*)`).FindAllStringSubmatch(eval.Run, -1)
	if len(flags) < 4 {
		t.Fatalf("found only %d flags in the Evaluate step", len(flags))
	}
	for _, m := range flags {
		if cmd.Flags().Lookup(m[1]) == nil && cmd.InheritedFlags().Lookup(m[1]) == nil {
			t.Errorf("the Evaluate step passes --%s, which tms eval does not have", m[1])
		}
	}
}

// TestActionSteps runs the action's own scripts, as the runner would, on the
// scenarios in testdata/action: tms is on PATH, the scripts are in
// $STEPS/<step id>.sh, and GITHUB_API_URL is a fake GitHub for acme/shop
// that accepts the token gh-token.
func TestActionSteps(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	a, _ := loadAction(t)
	scripts := map[string]string{}
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.ID != "" {
			scripts[s.ID] = s.Run
		}
	}
	runCIScripts(t, "../../testdata/action", scripts, func() (*forgetest.Server, string) {
		return forgetest.NewGitHub("gh-token", "acme/shop"), "GITHUB_API_URL"
	})
}

// runCIScripts runs the testscript scenarios in dir with each of scripts
// written to $STEPS/<name>.sh, tms on PATH, and a fake forge from newForge
// for each scenario, its URL in the variable newForge names. The scenarios
// read the fake's comments with `comments` and break it with `fail-writes`.
func runCIScripts(t *testing.T, dir string, scripts map[string]string,
	newForge func() (*forgetest.Server, string)) {
	testscript.Run(t, testscript.Params{
		Dir: dir,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
			srv, urlVariable := newForge()
			env.Defer(srv.Close)
			env.Values[fakeForgeKey{}] = srv
			env.Setenv(urlVariable, srv.URL)

			steps := filepath.Join(env.WorkDir, ".steps")
			env.Setenv("STEPS", steps)
			if err := os.MkdirAll(steps, 0o755); err != nil {
				return err
			}
			for name, script := range scripts {
				path := filepath.Join(steps, name+".sh")
				if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":       exits,
			"comments":    printComments,
			"fail-writes": failWrites,
		},
	})
}

type fakeForgeKey struct{}

func fakeForge(ts *testscript.TestScript) *forgetest.Server {
	return ts.Value(fakeForgeKey{}).(*forgetest.Server)
}

// printComments prints the bodies of the fake forge's comments on a pull
// request to stdout, for the script to match.
//
//	comments 7
func printComments(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: comments PR")
	}
	pr, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("comments: %q is not a number", args[0])
	}
	stdout := ts.Stdout() // replaces the last command's stdout even when there is none
	for _, c := range fakeForge(ts).Comments(pr) {
		fmt.Fprintln(stdout, c.Body)
	}
}

// failWrites makes the fake GitHub refuse every later write with an HTTP
// status, as a read-only token does.
//
//	fail-writes 403
func failWrites(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fail-writes STATUS")
	}
	code, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("fail-writes: %q is not a status", args[0])
	}
	fakeForge(ts).FailWrites(code, "Resource not accessible by integration")
}

func actionStepByID(t *testing.T, a action, id string) actionStep {
	t.Helper()
	i := slices.IndexFunc(a.Runs.Steps, func(s actionStep) bool { return s.ID == id })
	if i < 0 {
		t.Fatalf("action.yml has no step %q", id)
	}
	return a.Runs.Steps[i]
}
