package forge_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/cmd/tms/internal/forge"
	"github.com/tms-dev/tms/cmd/tms/internal/forge/forgetest"
)

const marker = "<!-- tms-report -->"

func newGitHub(t *testing.T) (*forgetest.Server, forge.Forge) {
	t.Helper()
	srv := forgetest.NewGitHub("gh-token", "acme/shop")
	t.Cleanup(srv.Close)
	f, err := forge.New(forge.Config{Kind: forge.GitHub, APIURL: srv.URL, Project: "acme/shop",
		Token: "gh-token"})
	if err != nil {
		t.Fatal(err)
	}
	return srv, f
}

// since returns the requests made after the first n.
func since(srv *forgetest.Server, n int) []string {
	return srv.Requests()[n:]
}

// TestGitHubCommentCreateThenUpdate posts the report once, then edits that
// same comment in place, leaving people's comments alone, including one
// that quotes the marker in its text.
func TestGitHubCommentCreateThenUpdate(t *testing.T) {
	srv, f := newGitHub(t)
	ctx := context.Background()
	srv.AddComment(7, forgetest.Comment{Body: "LGTM"})
	srv.AddComment(7, forgetest.Comment{Body: "why does " + marker + " show up?"})

	first, err := f.UpsertComment(ctx, 7, marker, marker+"\nfirst")
	if err != nil {
		t.Fatal(err)
	}
	const list = "GET /api/v3/repos/acme/shop/issues/7/comments?page=1&per_page=100"
	want := []string{list, "POST /api/v3/repos/acme/shop/issues/7/comments"}
	if diff := cmp.Diff(want, srv.Requests()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if !first.Created || first.ID == 0 || !strings.HasSuffix(first.URL, fmt.Sprint(first.ID)) {
		t.Errorf("first comment: %+v", first)
	}

	n := len(srv.Requests())
	second, err := f.UpsertComment(ctx, 7, marker, marker+"\nsecond")
	if err != nil {
		t.Fatal(err)
	}
	want = []string{list, "GET /api/v3/user",
		fmt.Sprintf("PATCH /api/v3/repos/acme/shop/issues/comments/%d", first.ID)}
	if diff := cmp.Diff(want, since(srv, n)); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if second.Created || second.ID != first.ID {
		t.Errorf("second run: %+v, want comment %d edited", second, first.ID)
	}
	bodies := []string{}
	for _, c := range srv.Comments(7) {
		bodies = append(bodies, c.Body)
	}
	wantBodies := []string{"LGTM", "why does " + marker + " show up?", marker + "\nsecond"}
	if diff := cmp.Diff(wantBodies, bodies); diff != "" {
		t.Errorf("comments (-want +got):\n%s", diff)
	}

	// The same report again needs no write at all.
	n = len(srv.Requests())
	if _, err := f.UpsertComment(ctx, 7, marker, marker+"\nsecond"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{list, "GET /api/v3/user"}, since(srv, n)); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// TestGitHubCommentOnlyOurs leaves alone a comment that opens with the
// marker but that someone else wrote: editing it would fail with 403 on
// every run. A token that may read /user (a person's or a bot user's)
// matches its login; an app's installation token, which may not, matches
// the app's bot account, as no one else can comment as a bot.
func TestGitHubCommentOnlyOurs(t *testing.T) {
	for _, appToken := range []bool{true, false} {
		t.Run(fmt.Sprintf("app token %v", appToken), func(t *testing.T) {
			srv, f := newGitHub(t)
			srv.AppToken = appToken
			if !appToken {
				srv.User = "tms-bot"
			}
			stranger := srv.AddComment(7, forgetest.Comment{Author: "mallory", Body: marker + "\nhi"})
			ctx := context.Background()

			first, err := f.UpsertComment(ctx, 7, marker, marker+"\nfirst")
			if err != nil {
				t.Fatal(err)
			}
			if !first.Created {
				t.Fatalf("got %+v, want a new comment beside the stranger's", first)
			}
			second, err := f.UpsertComment(ctx, 7, marker, marker+"\nsecond")
			if err != nil {
				t.Fatal(err)
			}
			if second.Created || second.ID != first.ID {
				t.Errorf("second run %+v, want comment %d edited", second, first.ID)
			}
			comments := srv.Comments(7)
			if len(comments) != 2 || comments[0].ID != stranger || comments[0].Body != marker+"\nhi" {
				t.Errorf("comments are %+v, want the stranger's untouched", comments)
			}
		})
	}
}

// TestGitHubCommentFoundOnALaterPage reads every page of a long thread.
func TestGitHubCommentFoundOnALaterPage(t *testing.T) {
	srv, f := newGitHub(t)
	for i := range 230 {
		srv.AddComment(3, forgetest.Comment{Body: fmt.Sprintf("comment %d", i)})
	}
	id := srv.AddComment(3, forgetest.Comment{Body: marker + "\nold"})

	c, err := f.UpsertComment(context.Background(), 3, marker, marker+"\nnew")
	if err != nil {
		t.Fatal(err)
	}
	if c.Created || c.ID != id {
		t.Errorf("got %+v, want comment %d edited", c, id)
	}
	if got := len(srv.Requests()); got != 5 {
		t.Errorf("%d requests, want 3 pages, the account and the edit:\n%s", got,
			strings.Join(srv.Requests(), "\n"))
	}
}

// TestGitHubErrors checks that a refused call is an error naming the HTTP
// status and the API's message, and that nothing is half done.
func TestGitHubErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("read-only token", func(t *testing.T) {
		srv, f := newGitHub(t)
		srv.FailWrites(http.StatusForbidden, "Resource not accessible by integration")
		_, err := f.UpsertComment(ctx, 7, marker, marker+"\nx")
		want := "github API: POST /repos/acme/shop/issues/7/comments: HTTP 403 Forbidden: " +
			"Resource not accessible by integration"
		if err == nil || err.Error() != want {
			t.Fatalf("error %v, want %s", err, want)
		}
		var apiErr *forge.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != http.StatusForbidden {
			t.Errorf("error %#v is not an APIError with code 403", err)
		}
		if len(srv.Comments(7)) != 0 {
			t.Error("a comment was stored despite the failure")
		}
	})
	t.Run("wrong token", func(t *testing.T) {
		srv := forgetest.NewGitHub("right", "acme/shop")
		defer srv.Close()
		f, err := forge.New(forge.Config{Kind: forge.GitHub, APIURL: srv.URL, Project: "acme/shop",
			Token: "wrong"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.OpenIssues(ctx, "tms")
		if err == nil || !strings.Contains(err.Error(), "HTTP 401 Unauthorized: Bad credentials") {
			t.Errorf("error %v, want 401 Bad credentials", err)
		}
	})
	t.Run("unknown repository", func(t *testing.T) {
		srv, _ := newGitHub(t)
		f, err := forge.New(forge.Config{Kind: forge.GitHub, APIURL: srv.URL + "/",
			Project: "acme/gone", Token: "gh-token"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.UpsertComment(ctx, 1, marker, "x")
		if err == nil || !strings.Contains(err.Error(), "HTTP 404 Not Found: Not Found") {
			t.Errorf("error %v, want 404", err)
		}
	})
	t.Run("server gone", func(t *testing.T) {
		srv, f := newGitHub(t)
		srv.Close()
		_, err := f.OpenIssues(ctx, "tms")
		if err == nil || !strings.Contains(err.Error(), "github API: GET /repos/acme/shop/issues") {
			t.Errorf("error %v, want one naming the call", err)
		}
	})
}

func TestGitHubIssues(t *testing.T) {
	srv, f := newGitHub(t)
	ctx := context.Background()
	srv.AddIssue(forgetest.Issue{Title: "open", Body: "b", Labels: []string{"tms", "high"}})
	srv.AddIssue(forgetest.Issue{Title: "closed", Labels: []string{"tms"}, Closed: true})
	srv.AddIssue(forgetest.Issue{Title: "a pull request", Labels: []string{"tms"}, PullRequest: true})
	srv.AddIssue(forgetest.Issue{Title: "unlabelled"})

	issues, err := f.OpenIssues(ctx, "tms")
	if err != nil {
		t.Fatal(err)
	}
	if len(issues) != 1 || issues[0].Title != "open" || issues[0].Number != 1 ||
		issues[0].Body != "b" {
		t.Errorf("open issues %+v, want only issue 1", issues)
	}

	created, err := f.CreateIssue(ctx, forge.NewIssue{Title: "t", Body: "body",
		Labels: []string{"tms", "severity:high", "TMS-SURFACE-001"}})
	if err != nil {
		t.Fatal(err)
	}
	if created.Number != 5 || !strings.HasSuffix(created.URL, "/acme/shop/issues/5") {
		t.Errorf("created %+v", created)
	}
	got := srv.Issues()[4]
	if diff := cmp.Diff([]string{"tms", "severity:high", "TMS-SURFACE-001"}, got.Labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	wantLast := "POST /api/v3/repos/acme/shop/issues"
	if reqs := srv.Requests(); reqs[len(reqs)-1] != wantLast {
		t.Errorf("last request %s, want %s", reqs[len(reqs)-1], wantLast)
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  forge.Config
		want string
	}{
		{"no token", forge.Config{Kind: forge.GitHub, Project: "a/b"}, "github: no token (set GITHUB_TOKEN"},
		{"no token on GitLab", forge.Config{Kind: forge.GitLab, Project: "a/b"},
			"gitlab: no token (set GITLAB_TOKEN"},
		{"not owner/name", forge.Config{Kind: forge.GitHub, Project: "a/b/c", Token: "t",
			APIURL: "https://api.github.com"}, `repository "a/b/c": expected owner/name`},
		{"bad API URL", forge.Config{Kind: forge.GitHub, Project: "a/b", Token: "t",
			APIURL: "api.github.com"}, `API URL "api.github.com"`},
		{"unknown host", forge.Config{Kind: "gitea", Token: "t"}, `unknown code host "gitea"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := forge.New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) || f != nil {
				t.Errorf("got %v, %v; want an error containing %q", f, err, tt.want)
			}
		})
	}
}
