package forgetest

import (
	"net/http"
	"strconv"
	"strings"
)

// NewGitHub starts a fake GitHub REST API for repository owner/name,
// served under /api/v3 as GitHub Enterprise Server serves it.
// Its token acts as github-actions[bot], as Actions' GITHUB_TOKEN does.
func NewGitHub(token, repository string) *Server {
	s := newServer("github", token, repository, gitHubRoutes)
	s.User, s.AppToken = "github-actions[bot]", true
	return s
}

func gitHubRoutes(s *Server, mux *http.ServeMux) {
	const repo = "/api/v3/repos/{owner}/{repo}"
	mux.HandleFunc("GET /api/v3/user", s.gitHubAuth(s.gitHubUser))
	mux.HandleFunc("GET "+repo+"/issues/{number}/comments", s.gitHub(s.listComments))
	mux.HandleFunc("POST "+repo+"/issues/{number}/comments", s.gitHub(s.postComment))
	mux.HandleFunc("PATCH "+repo+"/issues/comments/{id}", s.gitHub(s.patchComment))
	mux.HandleFunc("GET "+repo+"/issues", s.gitHub(s.listIssues))
	mux.HandleFunc("POST "+repo+"/issues", s.gitHub(s.postIssue))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
	})
}

// gitHub checks what every GitHub call about the repository needs: the
// headers gitHubAuth checks and the fake's repository.
func (s *Server) gitHub(h http.HandlerFunc) http.HandlerFunc {
	return s.gitHubAuth(func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("owner")+"/"+r.PathValue("repo") != s.Project {
			reply(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
			return
		}
		h(w, r)
	})
}

// gitHubAuth checks the token, the JSON media type and API version
// headers, and a User-Agent.
func (s *Server) gitHubAuth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Header.Get("Authorization") != "Bearer "+s.Token:
			reply(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
		case r.Header.Get("Accept") != "application/vnd.github+json",
			r.Header.Get("X-GitHub-Api-Version") == "",
			r.Header.Get("User-Agent") == "":
			reply(w, http.StatusBadRequest, map[string]string{
				"message": "fake: missing Accept, X-GitHub-Api-Version or User-Agent"})
		default:
			h(w, r)
		}
	}
}

type gitHubAccount struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

// gitHubAccountOf describes a login: an app's account ends in [bot].
func gitHubAccountOf(login string) gitHubAccount {
	if strings.HasSuffix(login, "[bot]") {
		return gitHubAccount{Login: login, Type: "Bot"}
	}
	return gitHubAccount{Login: login, Type: "User"}
}

// gitHubUser answers GET /user, which an app's installation token may not
// call.
func (s *Server) gitHubUser(w http.ResponseWriter, _ *http.Request) {
	if s.AppToken {
		reply(w, http.StatusForbidden, map[string]string{
			"message": "Resource not accessible by integration"})
		return
	}
	reply(w, http.StatusOK, gitHubAccountOf(s.User))
}

type gitHubComment struct {
	ID      int64         `json:"id"`
	Body    string        `json:"body"`
	HTMLURL string        `json:"html_url"`
	User    gitHubAccount `json:"user"`
}

func (s *Server) gitHubComment(number int, c Comment) gitHubComment {
	url := s.srv.URL + "/" + s.Project + "/pull/" + strconv.Itoa(number) +
		"#issuecomment-" + strconv.FormatInt(c.ID, 10)
	return gitHubComment{ID: c.ID, Body: c.Body, HTMLURL: url, User: gitHubAccountOf(c.Author)}
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	number, _ := strconv.Atoi(r.PathValue("number"))
	s.mu.Lock()
	var out []gitHubComment
	for _, c := range s.comments[number] {
		out = append(out, s.gitHubComment(number, c))
	}
	s.mu.Unlock()
	reply(w, http.StatusOK, nonNil(page(r, out)))
}

type bodyRequest struct {
	Body string `json:"body"`
}

func (s *Server) postComment(w http.ResponseWriter, r *http.Request) {
	var req bodyRequest
	if !validBody(w, r, &req) {
		return
	}
	number, _ := strconv.Atoi(r.PathValue("number"))
	c := Comment{Body: req.Body, Author: s.User}
	c.ID = s.AddComment(number, c)
	reply(w, http.StatusCreated, s.gitHubComment(number, c))
}

func (s *Server) patchComment(w http.ResponseWriter, r *http.Request) {
	var req bodyRequest
	if !validBody(w, r, &req) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	for number, comments := range s.comments {
		for i, c := range comments {
			if c.ID == id && c.Author != s.User {
				reply(w, http.StatusForbidden, map[string]string{
					"message": "Resource not accessible by integration"})
				return
			}
			if c.ID == id {
				comments[i].Body = req.Body
				reply(w, http.StatusOK, s.gitHubComment(number, comments[i]))
				return
			}
		}
	}
	reply(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
}

// validBody decodes a request whose "body" must not be empty.
func validBody(w http.ResponseWriter, r *http.Request, req *bodyRequest) bool {
	if err := decodeBody(r, req); err != nil {
		reply(w, http.StatusBadRequest, map[string]string{"message": "fake: " + err.Error()})
		return false
	}
	if strings.TrimSpace(req.Body) == "" {
		reply(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed"})
		return false
	}
	return true
}

type gitHubIssue struct {
	Number      int64             `json:"number"`
	Title       string            `json:"title"`
	Body        *string           `json:"body"`
	HTMLURL     string            `json:"html_url"`
	PullRequest map[string]string `json:"pull_request,omitempty"`
}

func (s *Server) listIssues(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("state") != "open" {
		reply(w, http.StatusBadRequest, map[string]string{"message": "fake: want state=open"})
		return
	}
	s.mu.Lock()
	var out []gitHubIssue
	for _, i := range s.issues {
		if i.Closed || !hasLabel(i, q.Get("labels")) {
			continue
		}
		gi := gitHubIssue{Number: i.Number, Title: i.Title, HTMLURL: s.issueURL(i.Number)}
		if i.Body != "" {
			gi.Body = &i.Body
		}
		if i.PullRequest {
			gi.PullRequest = map[string]string{"url": s.issueURL(i.Number)}
		}
		out = append(out, gi)
	}
	s.mu.Unlock()
	reply(w, http.StatusOK, nonNil(page(r, out)))
}

func (s *Server) issueURL(n int64) string {
	return s.srv.URL + "/" + s.Project + "/issues/" + strconv.FormatInt(n, 10)
}

func (s *Server) postIssue(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Title  string   `json:"title"`
		Body   string   `json:"body"`
		Labels []string `json:"labels"`
	}
	if err := decodeBody(r, &req); err != nil {
		reply(w, http.StatusBadRequest, map[string]string{"message": "fake: " + err.Error()})
		return
	}
	if strings.TrimSpace(req.Title) == "" {
		reply(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed"})
		return
	}
	n := s.AddIssue(Issue{Title: req.Title, Body: req.Body, Labels: req.Labels})
	reply(w, http.StatusCreated, gitHubIssue{Number: n, Title: req.Title, Body: &req.Body,
		HTMLURL: s.issueURL(n)})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
