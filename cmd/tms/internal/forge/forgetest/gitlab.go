package forgetest

import (
	"net/http"
	"strconv"
	"strings"
)

// NewGitLab starts a fake GitLab REST API (v4) for the project with the
// given full path, served under /api/v4. The project can also be named by
// its id, 42.
// Its token acts as the project's bot user, GitLabUserID.
func NewGitLab(token, project string) *Server {
	s := newServer("gitlab", token, project, gitLabRoutes)
	s.User = "project_42_bot"
	return s
}

// gitLabProjectID is the numeric id the fake gives its project.
const gitLabProjectID = "42"

// GitLabUserID is the id of the account the fake GitLab's token acts as;
// every other author has the id 99.
const GitLabUserID = 7

func gitLabRoutes(s *Server, mux *http.ServeMux) {
	const mr = "/api/v4/projects/{id}/merge_requests/{iid}/notes"
	mux.HandleFunc("GET /api/v4/user", s.gitLab(s.gitLabUser))
	mux.HandleFunc("GET "+mr, s.gitLab(s.listNotes))
	mux.HandleFunc("POST "+mr, s.gitLab(s.postNote))
	mux.HandleFunc("PUT "+mr+"/{note}", s.gitLab(s.putNote))
	mux.HandleFunc("GET /api/v4/projects/{id}/issues", s.gitLab(s.listGitLabIssues))
	mux.HandleFunc("POST /api/v4/projects/{id}/issues", s.gitLab(s.postGitLabIssue))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusNotFound, map[string]string{"message": "404 Not Found"})
	})
}

// gitLab checks the token, in PRIVATE-TOKEN or JOB-TOKEN, and that the
// project is the fake's, by id or by its path; the router unescapes a path
// sent as one segment (group%2Fproject) and routes an unescaped one nowhere.
func (s *Server) gitLab(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token := r.Header.Get("PRIVATE-TOKEN") + r.Header.Get("JOB-TOKEN")
		switch id := r.PathValue("id"); {
		case token != s.Token || r.Header.Get("Authorization") != "":
			reply(w, http.StatusUnauthorized, map[string]string{"message": "401 Unauthorized"})
		case r.Header.Get("User-Agent") == "":
			reply(w, http.StatusBadRequest, map[string]string{"message": "fake: no User-Agent"})
		case id != "" && id != gitLabProjectID && id != s.Project:
			reply(w, http.StatusNotFound, map[string]string{"message": "404 Project Not Found"})
		default:
			h(w, r)
		}
	}
}

type gitLabAccount struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
}

func (s *Server) gitLabAccount(username string) gitLabAccount {
	if username == s.User {
		return gitLabAccount{ID: GitLabUserID, Username: username}
	}
	return gitLabAccount{ID: 99, Username: username}
}

// gitLabUser answers GET /user, which a CI job token may not call.
func (s *Server) gitLabUser(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("JOB-TOKEN") != "" {
		reply(w, http.StatusUnauthorized, map[string]string{"message": "401 Unauthorized"})
		return
	}
	reply(w, http.StatusOK, s.gitLabAccount(s.User))
}

type gitLabNote struct {
	ID     int64         `json:"id"`
	Body   string        `json:"body"`
	System bool          `json:"system"`
	Author gitLabAccount `json:"author"`
}

func (s *Server) gitLabNote(c Comment) gitLabNote {
	return gitLabNote{ID: c.ID, Body: c.Body, System: c.System, Author: s.gitLabAccount(c.Author)}
}

func (s *Server) listNotes(w http.ResponseWriter, r *http.Request) {
	iid, _ := strconv.Atoi(r.PathValue("iid"))
	s.mu.Lock()
	var out []gitLabNote
	for _, c := range s.comments[iid] {
		out = append(out, s.gitLabNote(c))
	}
	s.mu.Unlock()
	reply(w, http.StatusOK, nonNil(page(r, out)))
}

func (s *Server) postNote(w http.ResponseWriter, r *http.Request) {
	var req bodyRequest
	if !validBody(w, r, &req) {
		return
	}
	iid, _ := strconv.Atoi(r.PathValue("iid"))
	c := Comment{Body: req.Body, Author: s.User}
	c.ID = s.AddComment(iid, c)
	reply(w, http.StatusCreated, s.gitLabNote(c))
}

func (s *Server) putNote(w http.ResponseWriter, r *http.Request) {
	var req bodyRequest
	if !validBody(w, r, &req) {
		return
	}
	iid, _ := strconv.Atoi(r.PathValue("iid"))
	id, _ := strconv.ParseInt(r.PathValue("note"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.comments[iid] {
		if c.ID == id && (c.System || c.Author != s.User) {
			reply(w, http.StatusForbidden, map[string]string{"message": "403 Forbidden"})
			return
		}
		if c.ID == id {
			s.comments[iid][i].Body = req.Body
			reply(w, http.StatusOK, s.gitLabNote(s.comments[iid][i]))
			return
		}
	}
	reply(w, http.StatusNotFound, map[string]string{"message": "404 Not found"})
}

type gitLabIssue struct {
	IID         int64    `json:"iid"`
	Title       string   `json:"title"`
	Description *string  `json:"description"`
	Labels      []string `json:"labels"`
	WebURL      string   `json:"web_url"`
}

func (s *Server) gitLabIssue(i Issue) gitLabIssue {
	out := gitLabIssue{IID: i.Number, Title: i.Title, Labels: nonNil(i.Labels),
		WebURL: s.srv.URL + "/" + s.Project + "/-/issues/" + strconv.FormatInt(i.Number, 10)}
	if i.Body != "" {
		out.Description = &i.Body
	}
	return out
}

func (s *Server) listGitLabIssues(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("state") != "opened" {
		reply(w, http.StatusBadRequest, map[string]string{"message": "fake: want state=opened"})
		return
	}
	s.mu.Lock()
	var out []gitLabIssue
	for _, i := range s.issues {
		if !i.Closed && !i.PullRequest && hasLabel(i, q.Get("labels")) {
			out = append(out, s.gitLabIssue(i))
		}
	}
	s.mu.Unlock()
	reply(w, http.StatusOK, nonNil(page(r, out)))
}

func (s *Server) postGitLabIssue(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Labels      string `json:"labels"`
	}
	if err := decodeBody(r, &req); err != nil {
		reply(w, http.StatusBadRequest, map[string]string{"message": "fake: " + err.Error()})
		return
	}
	if strings.TrimSpace(req.Title) == "" {
		reply(w, http.StatusBadRequest, map[string]string{"error": "title is missing"})
		return
	}
	var labels []string
	if req.Labels != "" {
		labels = strings.Split(req.Labels, ",")
	}
	i := Issue{Title: req.Title, Body: req.Description, Labels: labels}
	i.Number = s.AddIssue(i)
	reply(w, http.StatusCreated, s.gitLabIssue(i))
}
