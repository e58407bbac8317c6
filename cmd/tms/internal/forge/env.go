package forge

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Flags are what the command line says about the host; each one given
// overrides the environment.
type Flags struct {
	Kind    string // --forge: github, gitlab, or "" to tell from the environment
	Project string // --project
	Number  int    // --pr
}

// FromEnv fills a Config from the CI environment (GitHub Actions or GitLab
// CI variables) and the flags. getenv is os.Getenv outside tests.
func FromEnv(getenv func(string) string, f Flags) (Config, error) {
	kind := f.Kind
	if kind == "" {
		kind = detect(getenv)
	}

	var cfg Config
	var err error
	switch kind {
	case GitHub:
		cfg, err = githubEnv(getenv, f)
	case GitLab:
		cfg, err = gitlabEnv(getenv, f)
	case "":
		return cfg, errors.New("cannot tell whether to call GitHub or GitLab: " +
			"pass --forge github or --forge gitlab")
	default:
		return cfg, fmt.Errorf("--forge %q: expected github or gitlab", kind)
	}
	if err != nil {
		return cfg, err
	}
	if cfg.Project == "" {
		return cfg, fmt.Errorf("%s: no project: pass --project or set %s", kind, projectVar[kind])
	}
	return cfg, nil
}

var projectVar = map[string]string{GitHub: "GITHUB_REPOSITORY", GitLab: "CI_PROJECT_ID"}

// detect tells the host from the variables its CI sets.
func detect(getenv func(string) string) string {
	switch {
	case getenv("GITLAB_CI") != "" || getenv("CI_API_V4_URL") != "":
		return GitLab
	case getenv("GITHUB_ACTIONS") != "" || getenv("GITHUB_REPOSITORY") != "":
		return GitHub
	}
	return ""
}

func githubEnv(getenv func(string) string, f Flags) (Config, error) {
	cfg := Config{
		Kind:    GitHub,
		APIURL:  or(getenv("GITHUB_API_URL"), "https://api.github.com"),
		Project: or(f.Project, getenv("GITHUB_REPOSITORY")),
		Token:   or(getenv("GITHUB_TOKEN"), getenv("GH_TOKEN")),
	}
	ev, err := readEvent(getenv("GITHUB_EVENT_PATH"))
	if err != nil {
		return cfg, err
	}
	cfg.PullRequest = f.Number
	if cfg.PullRequest == 0 {
		cfg.PullRequest = ev.pullRequest()
	}
	commit := or(ev.PullRequest.Head.SHA, getenv("GITHUB_SHA"))
	if commit != "" && cfg.Project != "" {
		server := strings.TrimSuffix(or(getenv("GITHUB_SERVER_URL"), "https://github.com"), "/")
		cfg.LinkBase = server + "/" + cfg.Project + "/blob/" + commit + "/"
	}
	return cfg, nil
}

func gitlabEnv(getenv func(string) string, f Flags) (Config, error) {
	cfg := Config{
		Kind:    GitLab,
		APIURL:  or(getenv("CI_API_V4_URL"), "https://gitlab.com/api/v4"),
		Project: or(f.Project, getenv("CI_PROJECT_ID")),
	}
	cfg.Token, cfg.TokenHeader = getenv("GITLAB_TOKEN"), "PRIVATE-TOKEN"
	if cfg.Token == "" {
		cfg.Token, cfg.TokenHeader = getenv("CI_JOB_TOKEN"), "JOB-TOKEN"
		cfg.UserID, _ = strconv.ParseInt(getenv("GITLAB_USER_ID"), 10, 64)
	}

	cfg.PullRequest = f.Number
	if iid := getenv("CI_MERGE_REQUEST_IID"); cfg.PullRequest == 0 && iid != "" {
		n, err := strconv.Atoi(iid)
		if err != nil || n <= 0 {
			return cfg, fmt.Errorf("CI_MERGE_REQUEST_IID %q: expected a merge request IID", iid)
		}
		cfg.PullRequest = n
	}
	// The project's web address is known only for the project the job runs in.
	web, commit := getenv("CI_PROJECT_URL"), getenv("CI_COMMIT_SHA")
	if web != "" && commit != "" && (f.Project == "" || f.Project == getenv("CI_PROJECT_ID")) {
		cfg.LinkBase = strings.TrimSuffix(web, "/") + "/-/blob/" + commit + "/"
	}
	return cfg, nil
}

// event is the part of a GitHub Actions event payload that names the pull
// request: pull_request and pull_request_target events carry pull_request,
// a comment on a pull request carries issue with a pull_request link.
type event struct {
	PullRequest struct {
		Number int `json:"number"`
		Head   struct {
			SHA string `json:"sha"`
		} `json:"head"`
	} `json:"pull_request"`
	Issue struct {
		Number      int             `json:"number"`
		PullRequest json.RawMessage `json:"pull_request"`
	} `json:"issue"`
}

func (e event) pullRequest() int {
	if e.PullRequest.Number > 0 {
		return e.PullRequest.Number
	}
	if len(e.Issue.PullRequest) > 0 && string(e.Issue.PullRequest) != "null" {
		return e.Issue.Number
	}
	return 0
}

// readEvent reads the payload at GITHUB_EVENT_PATH; no path gives an empty
// event, as when tms runs outside Actions.
func readEvent(path string) (event, error) {
	var ev event
	if path == "" {
		return ev, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ev, fmt.Errorf("GITHUB_EVENT_PATH: %w", err)
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return ev, fmt.Errorf("GITHUB_EVENT_PATH %s: %w", path, err)
	}
	return ev, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
