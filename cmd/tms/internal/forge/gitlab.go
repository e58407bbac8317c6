package forge

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// gitLab calls the GitLab REST API, v4, of gitlab.com or a self-managed
// instance.
type gitLab struct {
	api     *api
	project string // /projects/<id or path>, escaped
	jobUser int64  // the user a CI job token acts as, from Config.UserID
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
	g := &gitLab{api: a, project: "/projects/" + url.PathEscape(cfg.Project)}
	if name == "JOB-TOKEN" {
		g.jobUser = cfg.UserID
	}
	return g, nil
}

type gitLabNote struct {
	ID     int64  `json:"id"`
	Body   string `json:"body"`
	System bool   `json:"system"` // written by GitLab itself, never ours
	Author struct {
		ID int64 `json:"id"`
	} `json:"author"`
}

// UpsertComment keeps one note on the merge request. Only a note the
// token's own user wrote is edited: anyone who may comment can open a note
// with the marker.
func (g *gitLab) UpsertComment(ctx context.Context, number int, marker, body string) (Comment, error) {
	notes := fmt.Sprintf("%s/merge_requests/%d/notes", g.project, number)
	query := url.Values{"sort": {"asc"}, "order_by": {"created_at"}}
	found, err := list[gitLabNote](ctx, g.api, notes, query)
	if err != nil {
		return Comment{}, err
	}
	found = slices.DeleteFunc(found, func(n gitLabNote) bool {
		return n.System || !strings.HasPrefix(n.Body, marker)
	})
	var me int64
	if len(found) > 0 {
		if me, err = g.user(ctx); err != nil {
			return Comment{}, err
		}
	}

	var out gitLabNote
	for _, n := range found {
		if n.Author.ID != me {
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

// user is the id of the user the token acts as. A CI job token may not
// read /user, and acts as the user who started the pipeline.
func (g *gitLab) user(ctx context.Context) (int64, error) {
	if g.jobUser != 0 {
		return g.jobUser, nil
	}
	var me struct {
		ID int64 `json:"id"`
	}
	if err := g.api.call(ctx, http.MethodGet, "/user", nil, nil, &me); err != nil {
		return 0, fmt.Errorf("find the token's user: %w", err)
	}
	return me.ID, nil
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
