package forge

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

const (
	perPage     = 100      // items asked for per page of a listing
	maxPages    = 50       // a listing longer than this is refused, not cut short
	maxResponse = 32 << 20 // bytes read from one response
	maxMessage  = 500      // bytes of an API's error message kept
)

// api is an authenticated JSON client of one host's REST API.
type api struct {
	kind   string
	root   string // the API URL, without a trailing slash
	header http.Header
	client *http.Client
}

func newAPI(cfg Config, header http.Header) (*api, error) {
	u, err := url.Parse(cfg.APIURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		u.RawQuery != "" || u.User != nil {
		return nil, fmt.Errorf("%s: API URL %q: expected https://host or https://host/path",
			cfg.Kind, cfg.APIURL)
	}
	header.Set("User-Agent", "tms")
	return &api{kind: cfg.Kind, root: strings.TrimSuffix(u.String(), "/"), header: header,
		client: cfg.Client}, nil
}

// APIError is a call the API answered with an error: the HTTP status and
// the API's own message, which usually says what is wrong.
type APIError struct {
	Kind    string // GitHub or GitLab
	Method  string
	Path    string // below the API URL, as sent
	Status  string // e.g. "403 Forbidden"
	Code    int
	Message string
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s API: %s %s: HTTP %s", e.Kind, e.Method, e.Path, e.Status)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// call sends one request to path (already escaped, below the API URL) and
// decodes a successful answer into out. in, when not nil, is sent as JSON.
func (a *api) call(ctx context.Context, method, path string, query url.Values, in, out any) error {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("%s API: encode %s %s: %w", a.kind, method, path, err)
		}
		body = bytes.NewReader(data)
	}
	target := a.root + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return fmt.Errorf("%s API: %s %s: %w", a.kind, method, path, err)
	}
	req.Header = a.header.Clone()
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := a.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s API: %s %s: %w", a.kind, method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return fmt.Errorf("%s API: %s %s: read the answer: %w", a.kind, method, path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &APIError{Kind: a.kind, Method: method, Path: path, Status: resp.Status,
			Code: resp.StatusCode, Message: apiMessage(data)}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s API: %s %s: unexpected answer: %w", a.kind, method, path, err)
		}
	}
	return nil
}

// list reads every page of a listing. A page shorter than asked for is the
// last; a listing of more than maxPages pages is an error rather than a
// silently partial answer.
func list[T any](ctx context.Context, a *api, path string, query url.Values) ([]T, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("per_page", strconv.Itoa(perPage))

	var all []T
	for page := 1; page <= maxPages; page++ {
		q.Set("page", strconv.Itoa(page))
		var batch []T
		if err := a.call(ctx, http.MethodGet, path, q, nil, &batch); err != nil {
			return nil, err
		}
		all = append(all, batch...)
		if len(batch) < perPage {
			return all, nil
		}
	}
	return nil, fmt.Errorf("%s API: GET %s: more than %d items, more than tms reads",
		a.kind, path, perPage*maxPages)
}

// apiMessage pulls the human part out of an error answer: GitHub's and
// GitLab's "message" (a string, or an object of field errors on GitLab),
// GitHub's list of "errors", or OAuth's "error" and "error_description".
func apiMessage(data []byte) string {
	var body struct {
		Message     json.RawMessage   `json:"message"`
		Error       json.RawMessage   `json:"error"`
		Description string            `json:"error_description"`
		Errors      []json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(data, &body) != nil {
		return oneLine(string(data))
	}
	var parts []string
	for _, raw := range append([]json.RawMessage{body.Message, body.Error}, body.Errors...) {
		if s := rawText(raw); s != "" {
			parts = append(parts, s)
		}
	}
	if body.Description != "" {
		parts = append(parts, body.Description)
	}
	return oneLine(strings.Join(parts, "; "))
}

// rawText is a JSON string's text, or any other JSON value as written.
func rawText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var compact bytes.Buffer
	if json.Compact(&compact, raw) != nil {
		return string(raw)
	}
	return compact.String()
}

// oneLine keeps an error message to one line of at most maxMessage bytes.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxMessage {
		cut := maxMessage
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
