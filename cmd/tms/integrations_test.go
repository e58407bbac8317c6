package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/cmd/tms/internal/forge/forgetest"
)

const (
	gitLabTemplate = "../../docs/ci/tms.gitlab-ci.yml"
	preCommitHooks = "../../.pre-commit-hooks.yaml"
	agentSkill     = "../../docs/skills/tms-threat-model/SKILL.md"
)

// TestIntegrationsUseRealCommands checks every tms command line that the
// shipped integrations and the CI guide give users: each names a real
// command, and each flag after it is one of that command's flags.
func TestIntegrationsUseRealCommands(t *testing.T) {
	files := []string{gitLabTemplate, preCommitHooks, agentSkill, actionFile, "../../docs/ci.md"}
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines := commandLines(string(text))
		if len(lines) == 0 {
			t.Errorf("%s: no tms command line found", file)
		}
		for _, line := range lines {
			if problem := checkCommandLine(line); problem != "" {
				t.Errorf("%s: %q: %s", file, line, problem)
			}
		}
	}
}

func TestCheckCommandLine(t *testing.T) {
	tests := map[string]bool{
		"eval --base origin/main --format json": true,
		"sync --check":                          true,
		"policy list --log-level debug":         true,
		"reports edits like these":              true, // prose, not a command
		"eval --bogus":                          false,
		"sync --chek":                           false,
	}
	for line, ok := range tests {
		if problem := checkCommandLine(line); (problem == "") != ok {
			t.Errorf("checkCommandLine(%q) = %q, want ok=%v", line, problem, ok)
		}
	}

	prose := "`tms comment` exits 2, while `tms eval --comment` logs \\\n  --fail-on x"
	want := []string{"comment", "eval --comment"}
	if got := commandLines(prose); !slices.Equal(got, want) {
		t.Errorf("commandLines(%q) = %q, want %q", prose, got, want)
	}
	shell := "tms eval --base main \\\n  --output sarif=x"
	if got := commandLines(shell); len(got) != 1 || !strings.Contains(got[0], "--output") {
		t.Errorf("commandLines(%q) = %q, want one line with --output", shell, got)
	}
}

var tmsInvocation = regexp.MustCompile("\\btms ([a-z]+\\b[^`]*)")

// commandLines finds "tms <command> ..." on each line, joining lines that a
// shell continues with a trailing backslash. A command in a Markdown code
// span ends with the span.
func commandLines(text string) []string {
	text = strings.ReplaceAll(text, "\\\n", " ")
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for _, m := range tmsInvocation.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

var flagName = regexp.MustCompile(`(?:^|[\s("'\x60])--([a-z][a-z-]*)`)

// checkCommandLine resolves the words of line to a tms command and checks
// its flags. Prose that merely names tms ("tms reports edits") resolves to
// no command and is not checked.
func checkCommandLine(line string) string {
	root := newRootCmd(io.Discard, io.Discard)
	cmd, rest := root, strings.Fields(line)
	for len(rest) > 0 {
		sub := subcommand(cmd, strings.Trim(rest[0], "`.,;:)"))
		if sub == nil {
			break
		}
		cmd, rest = sub, rest[1:]
	}
	if cmd == root {
		return ""
	}
	for _, m := range flagName.FindAllStringSubmatch(strings.Join(rest, " "), -1) {
		if cmd.Flags().Lookup(m[1]) == nil && cmd.InheritedFlags().Lookup(m[1]) == nil {
			return "tms " + cmd.Name() + " has no flag --" + m[1]
		}
	}
	return ""
}

func subcommand(cmd *cobra.Command, name string) *cobra.Command {
	for _, sub := range cmd.Commands() {
		if sub.Name() == name {
			return sub
		}
	}
	return nil
}

// TestGitLabTemplate runs the template's tms script as a GitLab runner
// would, on the scenarios in testdata/gitlab: tms is on PATH, the script is
// $STEPS/tms.sh, and CI_API_V4_URL is a fake GitLab for project 42 that
// accepts the token gl-token.
func TestGitLabTemplate(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	scripts := map[string]string{"tms": gitLabScript(t)}
	runCIScripts(t, "../../testdata/gitlab", scripts, func() (*forgetest.Server, string) {
		return forgetest.NewGitLab("gl-token", "acme/shop"), "CI_API_V4_URL"
	})
}

// gitLabScript returns the script entry of the template's tms job that runs
// tms eval; the entries before it only install tms.
func gitLabScript(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(gitLabTemplate)
	if err != nil {
		t.Fatal(err)
	}
	var template map[string]struct {
		Script    []string `yaml:"script"`
		Artifacts struct {
			When    string            `yaml:"when"`
			Reports map[string]string `yaml:"reports"`
		} `yaml:"artifacts"`
	}
	if err := yaml.Unmarshal(data, &template); err != nil {
		t.Fatalf("%s: %v", gitLabTemplate, err)
	}
	job, ok := template["tms"]
	if !ok {
		t.Fatalf("%s has no tms job", gitLabTemplate)
	}
	if job.Artifacts.When != "always" || job.Artifacts.Reports["junit"] == "" ||
		job.Artifacts.Reports["codequality"] == "" {
		t.Errorf("the tms job must keep its JUnit and Code Quality reports always: %+v",
			job.Artifacts)
	}
	for _, s := range job.Script {
		if strings.Contains(s, "tms eval") {
			return s
		}
	}
	t.Fatalf("%s: no script entry runs tms eval", gitLabTemplate)
	return ""
}

// TestPreCommitHooks checks the hooks file as pre-commit reads it: each hook
// builds tms with Go and judges the whole repository, not the staged files.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile(preCommitHooks)
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string `yaml:"id"`
		Name          string `yaml:"name"`
		Entry         string `yaml:"entry"`
		Language      string `yaml:"language"`
		PassFilenames *bool  `yaml:"pass_filenames"`
		AlwaysRun     bool   `yaml:"always_run"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	seen := map[string]bool{}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || seen[h.ID] {
			t.Errorf("hook %q: an id and a name are required, and ids are unique", h.ID)
		}
		seen[h.ID] = true
		if h.Language != "golang" || h.PassFilenames == nil || *h.PassFilenames || !h.AlwaysRun {
			t.Errorf("hook %s: want language golang, pass_filenames false, always_run true", h.ID)
		}
		if !strings.HasPrefix(h.Entry, "tms ") || checkCommandLine(h.Entry[4:]) != "" {
			t.Errorf("hook %s: entry %q is not a tms command", h.ID, h.Entry)
		}
	}
}

// TestAgentSkill checks the skill's front matter as agents load it: a name
// that matches its folder, in lowercase words joined by hyphens, and a
// description that says when to use it, within the format's limits.
func TestAgentSkill(t *testing.T) {
	data, err := os.ReadFile(agentSkill)
	if err != nil {
		t.Fatal(err)
	}
	front, body, ok := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	if !ok || !strings.HasPrefix(string(data), "---\n") {
		t.Fatal("SKILL.md does not open with YAML front matter between --- lines")
	}
	var meta struct {
		Name        string `yaml:"name"`
		Description string `yaml:"description"`
	}
	if err := yaml.Unmarshal([]byte(front), &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Name != filepath.Base(filepath.Dir(agentSkill)) ||
		!regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`).MatchString(meta.Name) || len(meta.Name) > 64 {
		t.Errorf("name %q must match the folder and be lowercase words joined by hyphens", meta.Name)
	}
	if meta.Description == "" || len(meta.Description) > 1024 {
		t.Errorf("description is %d characters, want 1 to 1024", len(meta.Description))
	}
	for _, must := range []string{"tms eval --base", "escalate", "never"} {
		if !strings.Contains(strings.ToLower(body+meta.Description), must) {
			t.Errorf("the skill does not say %q", must)
		}
	}
}

// TestCIGuideWorkflows checks the GitHub workflows that docs/ci.md gives
// users to copy: current action versions, the permissions a private
// repository needs for code scanning, and a SARIF upload and a comment that
// cannot fail the job on a fork's or Dependabot's read-only token.
func TestCIGuideWorkflows(t *testing.T) {
	text, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	checkActionVersions(t, "docs/ci.md", string(text))

	workflows := 0
	for _, block := range yamlBlocks(string(text)) {
		var wf guideWorkflow
		if err := yaml.Unmarshal([]byte(block), &wf); err != nil || len(wf.Jobs) == 0 {
			continue
		}
		for name, job := range wf.Jobs {
			if !slices.ContainsFunc(job.Steps, uploadsSARIF) {
				continue
			}
			workflows++
			checkGuideJob(t, name, job, wf.Permissions)
		}
	}
	if workflows != 2 {
		t.Errorf("found %d workflows that upload SARIF, want 2 (with and without the action)",
			workflows)
	}
}

type guideWorkflow struct {
	Permissions map[string]string   `yaml:"permissions"`
	Jobs        map[string]guideJob `yaml:"jobs"`
}

type guideJob struct {
	Permissions map[string]string `yaml:"permissions"`
	Steps       []actionStep      `yaml:"steps"`
}

// uploadsSARIF holds for the upload step and for the tms action asked to
// upload.
func uploadsSARIF(s actionStep) bool {
	return strings.Contains(s.Uses, "upload-sarif") ||
		strings.HasPrefix(s.Uses, "tms-dev/tms@") && s.With["upload-sarif"] == "true"
}

func checkGuideJob(t *testing.T, name string, job guideJob, workflowPermissions map[string]string) {
	t.Helper()
	permissions := job.Permissions
	if permissions == nil {
		permissions = workflowPermissions
	}
	if permissions["actions"] != "read" || permissions["security-events"] != "write" {
		t.Errorf("job %s: permissions %v lack actions: read or security-events: write",
			name, permissions)
	}
	for _, s := range job.Steps {
		switch {
		case strings.Contains(s.Uses, "upload-sarif") && !s.ContinueOnError:
			t.Errorf("job %s: the SARIF upload can fail the job; set continue-on-error", name)
		case strings.Contains(s.Run, "tms comment") && !strings.Contains(s.Run, "|| echo"):
			t.Errorf("job %s: a failed comment fails the job: %s", name, s.Run)
		}
	}
}

// yamlBlocks returns the bodies of the Markdown document's yaml code blocks.
func yamlBlocks(markdown string) []string {
	var blocks []string
	for _, part := range strings.Split(markdown, "```yaml\n")[1:] {
		body, _, _ := strings.Cut(part, "```")
		blocks = append(blocks, body)
	}
	return blocks
}
