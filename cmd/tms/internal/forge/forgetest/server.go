package forgetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

// Comment is a comment on a pull request, or a note on a merge request.
type Comment struct {
	ID     int64
	Body   string
	System bool // a GitLab system note, which tms must never edit
	// Author is the login of whoever wrote it; empty means the account the
	// fake's token acts as (Server.User).
	Author string
}

// Issue is an issue in the fake's repository.
type Issue struct {
	Number      int64
	Title       string
	Body        string
	Labels      []string
	Closed      bool
	PullRequest bool // GitHub lists pull requests among issues
}

// Server is a fake API of one host for one repository.
type Server struct {
	// URL is the API URL to give the client, with the path prefix a
	// self-hosted instance has (/api/v3 on GitHub, /api/v4 on GitLab).
	URL     string
	Kind    string // "github" or "gitlab"
	Token   string // the only token the fake accepts
	Project string // owner/name on GitHub, or the GitLab project's path
	// User is the login of the account the token acts as: what the API
	// names as the author of the comments it posts.
	User string
	// AppToken makes the fake GitHub answer GET /user with 403, as it
	// answers a GitHub App's installation token such as Actions'
	// GITHUB_TOKEN; NewGitHub sets it.
	AppToken bool

	srv      *httptest.Server
	mu       sync.Mutex
	requests []string
	comments map[int][]Comment
	issues   []Issue
	nextID   int64
	fail     *failure
}

type failure struct {
	code    int
	message string
}

func newServer(kind, token, project string, routes func(*Server, *http.ServeMux)) *Server {
	s := &Server{Kind: kind, Token: token, Project: project, comments: map[int][]Comment{},
		nextID: 1000}
	mux := http.NewServeMux()
	routes(s, mux)
	s.srv = httptest.NewServer(s.record(mux))
	s.URL = s.srv.URL + prefixes[kind]
	return s
}

var prefixes = map[string]string{"github": "/api/v3", "gitlab": "/api/v4"}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// Requests lists every request received, as "METHOD path?query" with the
// path as sent (escapes kept) and the query sorted.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// Comments returns the comments on pull or merge request number.
func (s *Server) Comments(number int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Comment(nil), s.comments[number]...)
}

// AddComment puts a comment on pull or merge request number, as if its
// Author had posted it, and returns its id.
func (s *Server) AddComment(number int, c Comment) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	c.ID = s.nextID
	if c.Author == "" {
		c.Author = s.User
	}
	s.comments[number] = append(s.comments[number], c)
	return c.ID
}

// Issues returns every issue, open or closed.
func (s *Server) Issues() []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Issue(nil), s.issues...)
}

// AddIssue puts an issue in the repository and returns its number.
func (s *Server) AddIssue(i Issue) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	i.Number = int64(len(s.issues) + 1)
	s.issues = append(s.issues, i)
	return i.Number
}

// FailWrites makes every later request that writes (POST, PATCH, PUT) fail
// with code and message, as a read-only token does.
func (s *Server) FailWrites(code int, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = &failure{code: code, message: message}
}

// record logs each request and applies FailWrites before routing it.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		line := r.Method + " " + r.URL.EscapedPath()
		if q := r.URL.Query().Encode(); q != "" {
			line += "?" + q
		}
		s.requests = append(s.requests, line)
		fail := s.fail
		s.mu.Unlock()

		if fail != nil && r.Method != http.MethodGet {
			reply(w, fail.code, map[string]string{"message": fail.message})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// reply answers with a JSON body.
func reply(w http.ResponseWriter, code int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

// decodeBody reads a JSON request body into v, refusing fields the API does
// not take and a missing content type.
func decodeBody(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("Content-Type is %q, want application/json", ct)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("body: %v", err)
	}
	return nil
}

// page cuts a listing by the per_page and page query parameters, which
// both APIs default to 20 and 1.
func page[T any](r *http.Request, all []T) []T {
	per, err := strconv.Atoi(r.URL.Query().Get("per_page"))
	if err != nil || per <= 0 {
		per = 20
	}
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n <= 0 {
		n = 1
	}
	start := min((n-1)*per, len(all))
	return all[start:min(start+per, len(all))]
}

func hasLabel(i Issue, label string) bool {
	for _, l := range i.Labels {
		if l == label {
			return true
		}
	}
	return label == ""
}
