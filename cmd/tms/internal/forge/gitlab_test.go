package forge_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/cmd/tms/internal/forge"
	"github.com/tms-dev/tms/cmd/tms/internal/forge/forgetest"
)

// newGitLab returns a fake GitLab and a client of it. A CI job token
// cannot ask who it is, so the client is told, as GITLAB_USER_ID tells it
// in a job.
func newGitLab(t *testing.T, header string) (*forgetest.Server, forge.Forge) {
	t.Helper()
	srv := forgetest.NewGitLab("gl-token", "acme/platform/shop")
	t.Cleanup(srv.Close)
	var user int64
	if header == "JOB-TOKEN" {
		user = forgetest.GitLabUserID
	}
	f, err := forge.New(forge.Config{Kind: forge.GitLab, APIURL: srv.URL,
		Project: "acme/platform/shop", Token: "gl-token", TokenHeader: header, UserID: user})
	if err != nil {
		t.Fatal(err)
	}
	return srv, f
}

// TestGitLabNoteCreateThenUpdate keeps one note on the merge request, with
// the project's path sent as one escaped segment, and never edits a system
// note even when it starts with the marker.
func TestGitLabNoteCreateThenUpdate(t *testing.T) {
	for _, header := range []string{"PRIVATE-TOKEN", "JOB-TOKEN"} {
		t.Run(header, func(t *testing.T) {
			srv, f := newGitLab(t, header)
			ctx := context.Background()
			srv.AddComment(12, forgetest.Comment{Body: marker + " added a commit", System: true})

			first, err := f.UpsertComment(ctx, 12, marker, marker+"\nfirst")
			if err != nil {
				t.Fatal(err)
			}
			const notes = "/api/v4/projects/acme%2Fplatform%2Fshop/merge_requests/12/notes"
			list := "GET " + notes + "?order_by=created_at&page=1&per_page=100&sort=asc"
			if diff := cmp.Diff([]string{list, "POST " + notes}, srv.Requests()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if !first.Created {
				t.Errorf("first note %+v was not created", first)
			}

			n := len(srv.Requests())
			second, err := f.UpsertComment(ctx, 12, marker, marker+"\nsecond")
			if err != nil {
				t.Fatal(err)
			}
			want := []string{list, fmt.Sprintf("PUT %s/%d", notes, first.ID)}
			if header == "PRIVATE-TOKEN" {
				want = slices.Insert(want, 1, "GET /api/v4/user")
			}
			if diff := cmp.Diff(want, since(srv, n)); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if second.Created || second.ID != first.ID {
				t.Errorf("second run %+v, want note %d edited", second, first.ID)
			}
			notesNow := srv.Comments(12)
			if len(notesNow) != 2 || notesNow[0].Body != marker+" added a commit" ||
				notesNow[1].Body != marker+"\nsecond" {
				t.Errorf("notes are %+v", notesNow)
			}
		})
	}
}

// TestGitLabNoteOnlyOurs leaves alone a note that opens with the marker but
// that someone else wrote.
func TestGitLabNoteOnlyOurs(t *testing.T) {
	srv, f := newGitLab(t, "PRIVATE-TOKEN")
	stranger := srv.AddComment(12, forgetest.Comment{Author: "mallory", Body: marker + "\nhi"})
	ctx := context.Background()

	first, err := f.UpsertComment(ctx, 12, marker, marker+"\nfirst")
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.UpsertComment(ctx, 12, marker, marker+"\nsecond")
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created || second.Created || second.ID != first.ID {
		t.Errorf("runs %+v then %+v, want one note of ours created then edited", first, second)
	}
	notes := srv.Comments(12)
	if len(notes) != 2 || notes[0].ID != stranger || notes[0].Body != marker+"\nhi" {
		t.Errorf("notes are %+v, want the stranger's untouched", notes)
	}
}

func TestGitLabErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("no permission", func(t *testing.T) {
		srv, f := newGitLab(t, "")
		srv.FailWrites(http.StatusForbidden, "403 Forbidden")
		_, err := f.UpsertComment(ctx, 12, marker, marker+"\nx")
		want := "gitlab API: POST /projects/acme%2Fplatform%2Fshop/merge_requests/12/notes: " +
			"HTTP 403 Forbidden: 403 Forbidden"
		if err == nil || err.Error() != want {
			t.Errorf("error %v, want %s", err, want)
		}
	})
	t.Run("wrong token", func(t *testing.T) {
		srv := forgetest.NewGitLab("right", "acme/shop")
		defer srv.Close()
		f, err := forge.New(forge.Config{Kind: forge.GitLab, APIURL: srv.URL, Project: "42",
			Token: "wrong"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.OpenIssues(ctx, "tms")
		if err == nil || !strings.Contains(err.Error(), "HTTP 401 Unauthorized: 401 Unauthorized") {
			t.Errorf("error %v, want 401", err)
		}
	})
	t.Run("field errors", func(t *testing.T) {
		_, f := newGitLab(t, "")
		_, err := f.CreateIssue(ctx, forge.NewIssue{Title: " "})
		if err == nil || !strings.Contains(err.Error(), "HTTP 400 Bad Request: title is missing") {
			t.Errorf("error %v, want GitLab's error text", err)
		}
	})
}

func TestGitLabIssues(t *testing.T) {
	srv, f := newGitLab(t, "")
	ctx := context.Background()
	srv.AddIssue(forgetest.Issue{Title: "open", Body: "b", Labels: []string{"tms"}})
	srv.AddIssue(forgetest.Issue{Title: "closed", Labels: []string{"tms"}, Closed: true})

	issues, err := f.OpenIssues(ctx, "tms")
	if err != nil {
		t.Fatal(err)
	}
	if len(issues) != 1 || issues[0].Number != 1 || issues[0].Body != "b" {
		t.Errorf("open issues %+v, want issue 1", issues)
	}
	created, err := f.CreateIssue(ctx, forge.NewIssue{Title: "t", Body: "body",
		Labels: []string{"tms", "severity:high"}})
	if err != nil {
		t.Fatal(err)
	}
	if created.Number != 3 || !strings.HasSuffix(created.URL, "/acme/platform/shop/-/issues/3") {
		t.Errorf("created %+v", created)
	}
	if diff := cmp.Diff([]string{"tms", "severity:high"}, srv.Issues()[2].Labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}
