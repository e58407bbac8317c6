package forge

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// gitLab calls the GitLab REST API, v4, of gitlab.com or a self-managed
// instance.
type gitLab struct {
	api     *api
	project string // /projects/<id or path>, escaped
}

func newGitLab(cfg Config) (*gitLab, error) {
	header := http.Header{}
	name := cfg.TokenHeader
	if name == "" {
		name = "PRIVATE-TOKEN"
	}
	header.Set(name, cfg.Token)
	a, err := newAPI(cfg, header)
	if err != nil {
		return nil, err
	}
	// A path such as group/sub/project is one segment, its slashes escaped.
	return &gitLab{api: a, project: "/projects/" + url.PathEscape(cfg.Project)}, nil
}

type gitLabNote struct {
	ID     int64  `json:"id"`
	Body   string `json:"body"`
	System bool   `json:"system"` // written by GitLab itself, never ours
}

// UpsertComment keeps one note on the merge request.
func (g *gitLab) UpsertComment(ctx context.Context, number int, marker, body string) (Comment, error) {
	notes := fmt.Sprintf("%s/merge_requests/%d/notes", g.project, number)
	query := url.Values{"sort": {"asc"}, "order_by": {"created_at"}}
	found, err := list[gitLabNote](ctx, g.api, notes, query)
	if err != nil {
		return Comment{}, err
	}

	var out gitLabNote
	for _, n := range found {
		if n.System || !strings.HasPrefix(n.Body, marker) {
			continue
		}
		if n.Body == body {
			return Comment{ID: n.ID}, nil
		}
		path := fmt.Sprintf("%s/%d", notes, n.ID)
		err := g.api.call(ctx, http.MethodPut, path, nil, map[string]string{"body": body}, &out)
		return Comment{ID: out.ID}, err
	}
	err = g.api.call(ctx, http.MethodPost, notes, nil, map[string]string{"body": body}, &out)
	return Comment{ID: out.ID, Created: true}, err
}

type gitLabIssue struct {
	IID         int64  `json:"iid"`
	Title       string `json:"title"`
	Description string `json:"description"`
	WebURL      string `json:"web_url"`
}

func (i gitLabIssue) issue() Issue {
	return Issue{Number: i.IID, Title: i.Title, Body: i.Description, URL: i.WebURL}
}

// OpenIssues lists the project's open issues with label.
func (g *gitLab) OpenIssues(ctx context.Context, label string) ([]Issue, error) {
	query := url.Values{"state": {"opened"}, "labels": {label}}
	found, err := list[gitLabIssue](ctx, g.api, g.project+"/issues", query)
	if err != nil {
		return nil, err
	}
	issues := make([]Issue, 0, len(found))
	for _, i := range found {
		issues = append(issues, i.issue())
	}
	return issues, nil
}

// CreateIssue opens an issue; GitLab creates labels that do not exist yet.
// It takes labels as one comma-separated string.
func (g *gitLab) CreateIssue(ctx context.Context, in NewIssue) (Issue, error) {
	req := map[string]string{
		"title": in.Title, "description": in.Body, "labels": strings.Join(in.Labels, ","),
	}
	var out gitLabIssue
	err := g.api.call(ctx, http.MethodPost, g.project+"/issues", nil, req, &out)
	return out.issue(), err
}
