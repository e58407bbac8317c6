package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tms-dev/tms/cmd/tms/internal/forge/forgetest"
	"github.com/tms-dev/tms/engine"
)

// ciVariables are every variable the forge package reads; each test sets
// the ones it needs and blanks the rest, so a run inside a real CI job
// cannot leak into it.
var ciVariables = []string{
	"GITHUB_ACTIONS", "GITHUB_REPOSITORY", "GITHUB_EVENT_PATH", "GITHUB_TOKEN", "GH_TOKEN",
	"GITHUB_API_URL", "GITHUB_SERVER_URL", "GITHUB_SHA", "GITLAB_CI", "CI_API_V4_URL",
	"CI_PROJECT_ID", "CI_JOB_TOKEN", "GITLAB_TOKEN", "CI_MERGE_REQUEST_IID", "CI_PROJECT_URL",
	"CI_COMMIT_SHA", "GITLAB_USER_ID",
}

func setCI(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, k := range ciVariables {
		t.Setenv(k, vars[k])
	}
}

// gitHubActions starts a fake GitHub and sets the variables of an Actions
// run, on pull request pr (none when 0).
func gitHubActions(t *testing.T, pr int) *forgetest.Server {
	t.Helper()
	srv := forgetest.NewGitHub("gh-token", "acme/shop")
	t.Cleanup(srv.Close)
	event := filepath.Join(t.TempDir(), "event.json")
	payload := `{"ref": "refs/heads/main"}`
	if pr > 0 {
		payload = `{"pull_request": {"number": 7, "head": {"sha": "abc123"}}}`
	}
	if err := os.WriteFile(event, []byte(payload), 0o644); err != nil {
		t.Fatal(err)
	}
	setCI(t, map[string]string{
		"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_TOKEN": "gh-token",
		"GITHUB_API_URL": srv.URL, "GITHUB_SERVER_URL": "https://github.example",
		"GITHUB_EVENT_PATH": event, "GITHUB_SHA": "merge999",
	})
	return srv
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tmsComments returns the bodies of the comments that carry a marker, the
// root's or a directory's.
func tmsComments(srv *forgetest.Server, pr int) []string {
	var out []string
	for _, c := range srv.Comments(pr) {
		if engine.ReportMarker(c.Body) != "" {
			out = append(out, c.Body)
		}
	}
	return out
}

// TestCommentCreateUpdateFail runs tms comment three times on one pull
// request: it creates the comment, edits it in place, and then, with a
// token that may not write, exits 2 naming the HTTP status and message.
func TestCommentCreateUpdateFail(t *testing.T) {
	srv := gitHubActions(t, 7)
	srv.AddComment(7, forgetest.Comment{Body: "a reviewer's comment"})

	first := writeFile(t, "first.md", engine.MarkdownMarker+"\n### first\n")
	code, stdout, stderr := runTMS(t, "comment", "--report", first)
	if code != exitPass || !strings.HasPrefix(stdout, "created comment ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// A report without the marker gets it, so the next run finds it.
	second := writeFile(t, "second.md", "### second\n")
	code, stdout, stderr = runTMS(t, "comment", "--report", second)
	if code != exitPass || !strings.HasPrefix(stdout, "updated comment ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	got := tmsComments(srv, 7)
	if len(got) != 1 || got[0] != engine.MarkdownMarker+"\n### second\n" {
		t.Errorf("tms comments are %q, want the second report once", got)
	}
	if n := len(srv.Comments(7)); n != 2 {
		t.Errorf("%d comments on the pull request, want the reviewer's and tms's", n)
	}

	srv.FailWrites(403, "Resource not accessible by integration")
	code, _, stderr = runTMS(t, "comment", "--report", first)
	want := "tms: github API: PATCH /repos/acme/shop/issues/comments/1002: " +
		"HTTP 403 Forbidden: Resource not accessible by integration\n"
	if code != exitError || stderr != want {
		t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
	}
}

func TestCommentOnGitLab(t *testing.T) {
	srv := forgetest.NewGitLab("job-token", "acme/shop")
	defer srv.Close()
	setCI(t, map[string]string{
		"GITLAB_CI": "true", "CI_API_V4_URL": srv.URL, "CI_PROJECT_ID": "42",
		"CI_JOB_TOKEN": "job-token", "CI_MERGE_REQUEST_IID": "12",
		"GITLAB_USER_ID": strconv.Itoa(forgetest.GitLabUserID),
	})
	report := writeFile(t, "report.md", engine.MarkdownMarker+"\nreport\n")
	for _, want := range []string{"created note 1001 on merge request !12\n",
		"updated note 1001 on merge request !12\n"} {
		report = writeFile(t, "report.md", engine.MarkdownMarker+"\n"+want)
		code, stdout, stderr := runTMS(t, "comment", "--report", report)
		if code != exitPass || stdout != want {
			t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
		}
	}
	if n := len(tmsComments(srv, 12)); n != 1 {
		t.Errorf("%d tms notes, want 1", n)
	}
}

func TestCommentUsageErrors(t *testing.T) {
	gitHubActions(t, 0)
	report := writeFile(t, "report.md", "x")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"comment", "--report", report}, "no pull request to comment on: pass --pr"},
		{[]string{"comment"}, `required flag(s) "report" not set`},
		{[]string{"comment", "--report", report, "--forge", "gitea"}, `--forge "gitea"`},
		{[]string{"comment", "--report", "missing.md", "--pr", "3"}, "--report: open missing.md"},
	}
	for _, tt := range tests {
		code, _, stderr := runTMS(t, tt.args...)
		if code != exitError || !strings.Contains(stderr, tt.want) {
			t.Errorf("tms %v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

// TestEvalComment posts the report from tms eval itself. The findings
// decide the exit code whatever happens to the comment, unless
// --comment-required makes a failed comment a tool error.
func TestEvalComment(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	srv := gitHubActions(t, 7)
	// From the repository's root, as in CI, so the links gain the directory
	// evaluated.
	t.Chdir("../..")
	eval := []string{"eval", "--repo", "testdata/example", "--format", "json"}

	code, _, stderr := runTMS(t, append(eval, "--comment")...)
	if code != exitBlocked || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 1 and nothing", code, stderr)
	}
	body := tmsComments(srv, 7)
	if len(body) != 1 || !strings.Contains(body[0],
		"(https://github.example/acme/shop/blob/abc123/testdata/example/services/billing/Dockerfile#L5)") {
		t.Fatalf("comment %q does not link to the pull request's commit", body)
	}

	srv.FailWrites(403, "Resource not accessible by integration")
	code, _, stderr = runTMS(t, append(eval, "--comment", "--link-base", "https://x/")...)
	if code != exitBlocked || !strings.Contains(stderr, "could not comment on the pull request") ||
		!strings.Contains(stderr, "HTTP 403 Forbidden") {
		t.Errorf("exit %d, stderr %q; want 1 and a warning naming the status", code, stderr)
	}
	code, _, stderr = runTMS(t, append(eval, "--comment-required", "--link-base", "https://x/")...)
	if code != exitError || !strings.Contains(stderr, "tms: --comment-required: github API: PATCH") {
		t.Errorf("exit %d, stderr %q; want 2 and the API error", code, stderr)
	}

	// On a push there is no pull request: nothing to post, nothing to fail,
	// unless a comment is required.
	push := gitHubActions(t, 0)
	if code, _, stderr = runTMS(t, append(eval, "--comment")...); code != exitBlocked || stderr != "" {
		t.Errorf("push: exit %d, stderr %q; want 1 and nothing", code, stderr)
	}
	if len(push.Requests()) != 0 {
		t.Errorf("push: requests %v, want none", push.Requests())
	}
	code, _, stderr = runTMS(t, append(eval, "--comment-required")...)
	if code != exitError || !strings.Contains(stderr, "no pull request to comment on") {
		t.Errorf("push, required: exit %d, stderr %q", code, stderr)
	}
}

// TestCommentPerDirectory runs tms comment on the reports of a monorepo's
// root and of two of its directories, twice: each keeps one comment of its
// own, and the root's comment, posted before directories had markers,
// keeps being edited.
func TestCommentPerDirectory(t *testing.T) {
	srv := gitHubActions(t, 7)
	srv.AddComment(7, forgetest.Comment{Body: engine.MarkdownMarker + "\nan old root report"})
	markers := []string{engine.MarkdownMarker, engine.MarkdownMarkerFor("services/a"),
		engine.MarkdownMarkerFor("services/b")}
	for _, run := range []string{"first", "second"} {
		for _, marker := range markers {
			report := writeFile(t, "report.md", marker+"\n"+run+"\n")
			if code, _, stderr := runTMS(t, "comment", "--report", report); code != exitPass {
				t.Fatalf("%s %s: exit %d, stderr %q", run, marker, code, stderr)
			}
		}
	}
	var want []string
	for _, marker := range markers {
		want = append(want, marker+"\nsecond\n")
	}
	if got := tmsComments(srv, 7); !slices.Equal(got, want) {
		t.Errorf("tms comments are %q, want %q", got, want)
	}
}

// TestEvalCommentPerDirectory evaluates two directories of one checkout,
// with the same files, and comments from tms eval: each directory keeps its
// own comment, marked and linked with its path, percent-encoded.
func TestEvalCommentPerDirectory(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	srv := gitHubActions(t, 7)
	checkout := t.TempDir()
	dirs := []string{"services/a", "services/b #2"}
	for _, dir := range dirs {
		if err := os.CopyFS(filepath.Join(checkout, dir), os.DirFS(exampleRepo)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(checkout)
	for range 2 {
		for _, dir := range dirs {
			code, _, stderr := runTMS(t, "eval", "--repo", dir, "--format", "json", "--comment")
			if code != exitBlocked || stderr != "" {
				t.Fatalf("%s: exit %d, stderr %q; want 1 and nothing", dir, code, stderr)
			}
		}
	}
	got := tmsComments(srv, 7)
	if len(got) != 2 {
		t.Fatalf("%d tms comments, want one per directory: %q", len(got), got)
	}
	for i, want := range []string{
		"<!-- tms-report:services/a -->\n",
		"<!-- tms-report:services/b%20%232 -->\n",
	} {
		if !strings.HasPrefix(got[i], want) {
			t.Errorf("comment %d opens %q, want %q", i, strings.SplitN(got[i], "\n", 2)[0], want)
		}
	}
	link := "(https://github.example/acme/shop/blob/abc123/services/b%20%232/services/billing/"
	if !strings.Contains(got[1], link) {
		t.Errorf("the second directory's comment does not link %s:\n%s", link, got[1])
	}
}
