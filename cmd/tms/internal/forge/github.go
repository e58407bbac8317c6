package forge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// gitHub calls the GitHub REST API (api.github.com, or a GitHub Enterprise
// Server's /api/v3).
type gitHub struct {
	api  *api
	repo string // /repos/<owner>/<name>, escaped
}

func newGitHub(cfg Config) (*gitHub, error) {
	owner, name, ok := strings.Cut(cfg.Project, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return nil, fmt.Errorf("github: repository %q: expected owner/name", cfg.Project)
	}
	header := http.Header{}
	header.Set("Authorization", "Bearer "+cfg.Token)
	header.Set("Accept", "application/vnd.github+json")
	header.Set("X-GitHub-Api-Version", "2022-11-28")
	a, err := newAPI(cfg, header)
	if err != nil {
		return nil, err
	}
	return &gitHub{api: a, repo: "/repos/" + url.PathEscape(owner) + "/" + url.PathEscape(name)}, nil
}

type gitHubComment struct {
	ID      int64         `json:"id"`
	Body    string        `json:"body"`
	HTMLURL string        `json:"html_url"`
	User    gitHubAccount `json:"user"`
}

type gitHubAccount struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

// UpsertComment keeps one comment on the pull request's conversation, which
// GitHub serves as the comments of the issue with the same number. Only a
// comment the token's own account wrote is edited: on a public repository
// anyone can open a comment with the marker.
func (g *gitHub) UpsertComment(ctx context.Context, number int, marker, body string) (Comment, error) {
	thread := fmt.Sprintf("%s/issues/%d/comments", g.repo, number)
	comments, err := list[gitHubComment](ctx, g.api, thread, nil)
	if err != nil {
		return Comment{}, err
	}
	comments = slices.DeleteFunc(comments, func(c gitHubComment) bool {
		return !strings.HasPrefix(c.Body, marker)
	})
	var ours func(gitHubAccount) bool
	if len(comments) > 0 {
		if ours, err = g.author(ctx); err != nil {
			return Comment{}, err
		}
	}

	var out gitHubComment
	for _, c := range comments {
		if !ours(c.User) {
			continue
		}
		if c.Body == body {
			return Comment{ID: c.ID, URL: c.HTMLURL}, nil
		}
		path := fmt.Sprintf("%s/issues/comments/%d", g.repo, c.ID)
		err := g.api.call(ctx, http.MethodPatch, path, nil, map[string]string{"body": body}, &out)
		return Comment{ID: out.ID, URL: out.HTMLURL}, err
	}
	err = g.api.call(ctx, http.MethodPost, thread, nil, map[string]string{"body": body}, &out)
	return Comment{ID: out.ID, URL: out.HTMLURL, Created: true}, err
}

// author tells the token's own comments from others'. A GitHub App's
// installation token, such as Actions' GITHUB_TOKEN, may not read /user;
// it comments as the app's bot account, and only an app installed on the
// repository can comment as a bot, so any bot's comment counts as ours.
func (g *gitHub) author(ctx context.Context) (func(gitHubAccount) bool, error) {
	var me gitHubAccount
	err := g.api.call(ctx, http.MethodGet, "/user", nil, nil, &me)
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.Code == http.StatusForbidden {
		return func(a gitHubAccount) bool { return a.Type == "Bot" }, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find the token's account: %w", err)
	}
	return func(a gitHubAccount) bool { return a.Login == me.Login }, nil
}

type gitHubIssue struct {
	Number  int64  `json:"number"`
	Title   string `json:"title"`
	Body    string `json:"body"`
	HTMLURL string `json:"html_url"`
	// PullRequest is set on the pull requests that the issues listing
	// also returns.
	PullRequest json.RawMessage `json:"pull_request"`
}

func (i gitHubIssue) issue() Issue {
	return Issue{Number: i.Number, Title: i.Title, Body: i.Body, URL: i.HTMLURL}
}

// OpenIssues lists the open issues with label, leaving out pull requests.
func (g *gitHub) OpenIssues(ctx context.Context, label string) ([]Issue, error) {
	query := url.Values{"state": {"open"}, "labels": {label}}
	found, err := list[gitHubIssue](ctx, g.api, g.repo+"/issues", query)
	if err != nil {
		return nil, err
	}
	var issues []Issue
	for _, i := range found {
		if len(i.PullRequest) == 0 || string(i.PullRequest) == "null" {
			issues = append(issues, i.issue())
		}
	}
	return issues, nil
}

// CreateIssue opens an issue; GitHub creates labels that do not exist yet.
func (g *gitHub) CreateIssue(ctx context.Context, in NewIssue) (Issue, error) {
	req := map[string]any{"title": in.Title, "body": in.Body, "labels": in.Labels}
	var out gitHubIssue
	err := g.api.call(ctx, http.MethodPost, g.repo+"/issues", nil, req, &out)
	return out.issue(), err
}
