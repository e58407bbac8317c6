package forge_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tms-dev/tms/cmd/tms/internal/forge"
)

func writeEvent(t *testing.T, payload string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(path, []byte(payload), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFromEnv(t *testing.T) {
	pullRequest := writeEvent(t, `{"number": 7, "pull_request": {"number": 7,
		"head": {"sha": "abc123"}}}`)
	prComment := writeEvent(t, `{"issue": {"number": 9, "pull_request": {"url": "x"}}}`)
	issueComment := writeEvent(t, `{"issue": {"number": 9}}`)
	actions := map[string]string{
		"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_TOKEN": "t",
		"GITHUB_SHA": "merge1",
	}
	gitlabCI := map[string]string{
		"GITLAB_CI": "true", "CI_API_V4_URL": "https://gitlab.example/api/v4",
		"CI_PROJECT_ID": "42", "CI_JOB_TOKEN": "job", "CI_MERGE_REQUEST_IID": "12",
		"CI_PROJECT_URL": "https://gitlab.example/acme/shop", "CI_COMMIT_SHA": "def456",
		"GITLAB_USER_ID": "31",
	}
	with := func(env map[string]string, more ...string) map[string]string {
		out := map[string]string{}
		for k, v := range env {
			out[k] = v
		}
		for i := 0; i+1 < len(more); i += 2 {
			out[more[i]] = more[i+1]
		}
		return out
	}

	tests := []struct {
		name  string
		env   map[string]string
		flags forge.Flags
		want  forge.Config
	}{
		{"pull request event", with(actions, "GITHUB_EVENT_PATH", pullRequest), forge.Flags{},
			forge.Config{Kind: "github", APIURL: "https://api.github.com", Project: "acme/shop",
				Token: "t", PullRequest: 7, LinkBase: "https://github.com/acme/shop/blob/abc123/"}},
		{"comment on a pull request", with(actions, "GITHUB_EVENT_PATH", prComment), forge.Flags{},
			forge.Config{Kind: "github", APIURL: "https://api.github.com", Project: "acme/shop",
				Token: "t", PullRequest: 9, LinkBase: "https://github.com/acme/shop/blob/merge1/"}},
		{"comment on an issue", with(actions, "GITHUB_EVENT_PATH", issueComment), forge.Flags{},
			forge.Config{Kind: "github", APIURL: "https://api.github.com", Project: "acme/shop",
				Token: "t", LinkBase: "https://github.com/acme/shop/blob/merge1/"}},
		{"enterprise, GH_TOKEN, flags", with(actions, "GITHUB_TOKEN", "", "GH_TOKEN", "gh",
			"GITHUB_API_URL", "https://ghe.example/api/v3", "GITHUB_SERVER_URL", "https://ghe.example/"),
			forge.Flags{Project: "acme/other", Number: 3},
			forge.Config{Kind: "github", APIURL: "https://ghe.example/api/v3", Project: "acme/other",
				Token: "gh", PullRequest: 3, LinkBase: "https://ghe.example/acme/other/blob/merge1/"}},
		{"merge request with the job token", gitlabCI, forge.Flags{},
			forge.Config{Kind: "gitlab", APIURL: "https://gitlab.example/api/v4", Project: "42",
				Token: "job", TokenHeader: "JOB-TOKEN", UserID: 31, PullRequest: 12,
				LinkBase: "https://gitlab.example/acme/shop/-/blob/def456/"}},
		{"GITLAB_TOKEN first, another project", with(gitlabCI, "GITLAB_TOKEN", "pat"),
			forge.Flags{Kind: "gitlab", Project: "acme/docs"},
			forge.Config{Kind: "gitlab", APIURL: "https://gitlab.example/api/v4", Project: "acme/docs",
				Token: "pat", TokenHeader: "PRIVATE-TOKEN", PullRequest: 12}},
		{"outside CI, all from flags", map[string]string{},
			forge.Flags{Kind: "github", Project: "a/b", Number: 1},
			forge.Config{Kind: "github", APIURL: "https://api.github.com", Project: "a/b",
				PullRequest: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := forge.FromEnv(func(k string) string { return tt.env[k] }, tt.flags)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(forge.Config{}, "Client")); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFromEnvErrors(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		flags forge.Flags
		want  string
	}{
		{"no CI", nil, forge.Flags{}, "pass --forge github or --forge gitlab"},
		{"unknown host", nil, forge.Flags{Kind: "bitbucket"}, `--forge "bitbucket"`},
		{"no repository", map[string]string{"GITHUB_ACTIONS": "true"}, forge.Flags{},
			"github: no project: pass --project or set GITHUB_REPOSITORY"},
		{"no GitLab project", map[string]string{"GITLAB_CI": "true"}, forge.Flags{},
			"set CI_PROJECT_ID"},
		{"bad IID", map[string]string{"GITLAB_CI": "true", "CI_MERGE_REQUEST_IID": "!3"},
			forge.Flags{}, `CI_MERGE_REQUEST_IID "!3"`},
		{"missing event", map[string]string{"GITHUB_REPOSITORY": "a/b",
			"GITHUB_EVENT_PATH": "/nonexistent/event.json"}, forge.Flags{}, "GITHUB_EVENT_PATH"},
		{"broken event", map[string]string{"GITHUB_REPOSITORY": "a/b",
			"GITHUB_EVENT_PATH": writeEvent(t, "{")}, forge.Flags{}, "GITHUB_EVENT_PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := forge.FromEnv(func(k string) string { return tt.env[k] }, tt.flags)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
