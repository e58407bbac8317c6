package forge

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Forge is a code host's API, reduced to what tms posts.
type Forge interface {
	// UpsertComment posts body on pull (or merge) request number, or edits
	// the first comment there that the token's own account wrote and whose
	// body starts with marker.
	UpsertComment(ctx context.Context, number int, marker, body string) (Comment, error)
	// OpenIssues lists the open issues that carry label.
	OpenIssues(ctx context.Context, label string) ([]Issue, error)
	// CreateIssue opens an issue.
	CreateIssue(ctx context.Context, issue NewIssue) (Issue, error)
}

// Comment is a comment tms posted or edited.
type Comment struct {
	ID      int64
	URL     string // its web page, when the API gives one
	Created bool   // false when an earlier comment was edited
}

// Issue is an issue as the host lists it.
type Issue struct {
	Number int64 // the number people see: GitHub's number, GitLab's iid
	Title  string
	Body   string
	URL    string
}

// NewIssue is an issue to open.
type NewIssue struct {
	Title  string
	Body   string
	Labels []string
}

// The code hosts.
const (
	GitHub = "github"
	GitLab = "gitlab"
)

// Config says which host to call, as whom and about what.
type Config struct {
	Kind    string // GitHub or GitLab
	APIURL  string // e.g. https://api.github.com, https://gitlab.example/api/v4
	Project string // owner/name on GitHub; numeric id or full path on GitLab
	Token   string
	// TokenHeader is the header that carries the token on GitLab:
	// PRIVATE-TOKEN for a personal, project or group token, JOB-TOKEN for
	// CI_JOB_TOKEN. GitHub always uses Authorization.
	TokenHeader string
	// UserID is the GitLab user a CI job token acts as (GITLAB_USER_ID):
	// such a token may not ask the API who it is.
	UserID int64
	// PullRequest is the pull request's number or the merge request's IID
	// the run is about; 0 when there is none, as on a push.
	PullRequest int
	// LinkBase is the web address of the commit's files, ending in "/", for
	// links from a comment or an issue to a line; "" when unknown.
	LinkBase string
	// Client makes the calls; nil means one with a 30-second timeout.
	Client *http.Client
}

// ErrNoPullRequest is returned when a comment is asked for outside a pull or
// merge request.
var ErrNoPullRequest = errors.New("no pull request to comment on")

// New returns the client for the configured host.
func New(cfg Config) (Forge, error) {
	if cfg.Token == "" {
		return nil, fmt.Errorf("%s: no token (%s)", cfg.Kind, tokenHint[cfg.Kind])
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 30 * time.Second}
	}
	var f Forge
	var err error
	switch cfg.Kind {
	case GitHub:
		f, err = newGitHub(cfg)
	case GitLab:
		f, err = newGitLab(cfg)
	default:
		err = fmt.Errorf("unknown code host %q (expected github or gitlab)", cfg.Kind)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

var tokenHint = map[string]string{
	GitHub: "set GITHUB_TOKEN, e.g. to ${{ github.token }}",
	GitLab: "set GITLAB_TOKEN to a project access token with the api scope, " +
		"or run in GitLab CI for CI_JOB_TOKEN",
}
