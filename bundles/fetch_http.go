package bundles

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/tms-dev/tms/engine"
)

// Fetcher gets remote bundles: https:// URLs and oci:// references. It is
// bounded in time and size, and falls back to its cache, with a warning,
// when the network or the server fails.
type Fetcher struct {
	Client *http.Client // nil means a client with Timeout
	Cache  Cache
	Limits Limits
	Log    *slog.Logger
	// Timeout bounds each fetch when Client is nil.
	Timeout time.Duration
}

// client is the HTTP client for every fetch, refusing redirects that leave
// https for plain http.
func (f *Fetcher) client() *http.Client {
	c := http.Client{Timeout: f.Timeout}
	if f.Client != nil {
		c = *f.Client
	} else if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := checkRedirect(req, via); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &c
}

// ErrInsecureRedirect is a redirect from https to plain http: whoever sits
// on the path could then read the request and answer it. It is an error,
// never a reason to fall back to the cache, since the server did answer.
var ErrInsecureRedirect = errors.New("redirect from https to http refused")

// maxRedirects is the limit net/http applies when CheckRedirect is unset.
const maxRedirects = 10

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	if req.URL.Scheme == "https" {
		return nil
	}
	for _, prev := range via {
		if prev.URL.Scheme == "https" {
			return fmt.Errorf("%w: %s to %s", ErrInsecureRedirect, prev.URL.Redacted(),
				req.URL.Redacted())
		}
	}
	return nil
}

func (f *Fetcher) warn(msg string, args ...any) {
	if f.Log != nil {
		f.Log.Warn(msg, args...)
	}
}

// errUnavailable marks failures of the network or the server, after which a
// cached copy may stand in.
var errUnavailable = errors.New("unavailable")

// readFunc parses and verifies fetched content as a bundle.
type readFunc func(data []byte) (engine.Bundle, error)

// fetchHTTP gets a bundle over HTTP(S), revalidating a cached copy with its
// ETag, and reads it with read. A 304 keeps the cached copy; a network
// error, a timeout or a 5xx falls back to it with a warning; a 404 is an
// error whatever the cache holds, since the publisher withdrew the bundle.
func (f *Fetcher) fetchHTTP(ctx context.Context, url string, read readFunc) (engine.Bundle,
	error) {
	cached, data, ok := f.Cache.lookup(url)
	body, etag, err := f.get(ctx, url, cached.ETag, ok)
	switch {
	case err == nil && body == nil:
		return read(data)
	case err == nil:
		return f.readAndRemember(url, body, etag, read)
	case errors.Is(err, errUnavailable) && ok:
		f.warn("bundle server unreachable: using the cached copy", "url", url,
			"digest", cached.Digest, "error", err)
		return readCached(data, read)
	}
	return engine.Bundle{}, err
}

// readCached reads a cached copy that stands in for an unreachable remote
// bundle, and marks it so, for the reports to say.
func readCached(data []byte, read readFunc) (engine.Bundle, error) {
	b, err := read(data)
	b.Cached = err == nil
	return b, err
}

// readAndRemember caches downloaded content only once it has been read and
// its signature verified: an unsigned or tampered publish must not replace
// the last good copy, which is what a later run falls back to offline.
func (f *Fetcher) readAndRemember(ref string, data []byte, etag string, read readFunc) (
	engine.Bundle, error) {
	b, err := read(data)
	if err != nil {
		return engine.Bundle{}, err
	}
	if err := f.Cache.remember(ref, data, etag); err != nil {
		f.warn("could not cache the bundle", "ref", ref, "error", err)
	}
	return b, nil
}

// get does one conditional GET. It returns nil content for 304 Not Modified.
func (f *Fetcher) get(ctx context.Context, url, etag string, conditional bool) ([]byte, string,
	error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", fmt.Errorf("bundle %s: %w", url, err)
	}
	if conditional && etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := f.client().Do(req)
	if errors.Is(err, ErrInsecureRedirect) {
		return nil, "", fmt.Errorf("bundle %s: %w", url, err)
	}
	if err != nil {
		return nil, "", fmt.Errorf("bundle %s: %w: %v", url, errUnavailable, err)
	}
	defer resp.Body.Close()

	switch {
	case resp.StatusCode == http.StatusNotModified && conditional:
		return nil, "", nil
	case resp.StatusCode >= 500:
		return nil, "", fmt.Errorf("bundle %s: %w: %s", url, errUnavailable, resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, "", fmt.Errorf("bundle %s: %s", url, resp.Status)
	}
	body, err := f.readLimited(resp.Body, resp.ContentLength)
	if err != nil {
		return nil, "", fmt.Errorf("bundle %s: %w", url, err)
	}
	return body, resp.Header.Get("ETag"), nil
}

// readLimited reads at most the compressed-size limit, refusing early a
// body that declares more.
func (f *Fetcher) readLimited(r io.Reader, declared int64) ([]byte, error) {
	limit := f.Limits.Compressed
	if declared > limit {
		return nil, fmt.Errorf("%w: declares %d bytes, over the limit of %d bytes", ErrInvalidBundle,
			declared, limit)
	}
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errUnavailable, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: over the limit of %d bytes", ErrInvalidBundle, limit)
	}
	return body, nil
}
