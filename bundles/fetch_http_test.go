package bundles

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tms-dev/tms/bundles/bundletest"
)

// newBundleServer serves data over HTTPS until the test ends.
func newBundleServer(t *testing.T, data []byte) *bundletest.BundleServer {
	s := bundletest.NewBundleServer(data)
	t.Cleanup(s.Close)
	return s
}

func testFetcher(t *testing.T, client *http.Client, log *bytes.Buffer) *Fetcher {
	t.Helper()
	client.Timeout = 500 * time.Millisecond
	return &Fetcher{Client: client, Cache: Cache{Dir: t.TempDir()}, Limits: DefaultLimits,
		Log: slog.New(slog.NewTextHandler(log, nil))}
}

func TestHTTPFetchRevalidatesAndFallsBackToTheCache(t *testing.T) {
	keys := rsaKeys(t)
	srv := newBundleServer(t, acmeBundle(t, &keys))
	var log bytes.Buffer
	opts := LoadOptions{Fetcher: testFetcher(t, srv.Client(), &log), Key: keys.public,
		KeyID: DefaultKeyID}
	url := srv.URL + "/b.tar.gz"
	// load reports whether a cached copy stood in for the server.
	load := func() (bool, error) {
		got, err := Load(context.Background(), []string{url}, opts)
		if err != nil {
			return false, err
		}
		return got[0].Cached, nil
	}

	for range 2 {
		if cached, err := load(); err != nil || cached {
			t.Fatalf("cached %v, error %v; want the served or revalidated bundle", cached, err)
		}
	}
	if srv.Revalidated.Load() != 1 || srv.NotModified.Load() != 1 {
		t.Errorf("%d revalidations, %d answered 304, want 1 (If-None-Match on the second fetch)",
			srv.Revalidated.Load(), srv.NotModified.Load())
	}
	for _, failure := range []int32{http.StatusInternalServerError, -1} {
		srv.Fail.Store(failure)
		log.Reset()
		if cached, err := load(); err != nil || !cached {
			t.Errorf("failure %d: cached %v, error %v; want the cached copy", failure, cached, err)
		}
		if !strings.Contains(log.String(), "using the cached copy") {
			t.Errorf("failure %d: no warning in %q", failure, log.String())
		}
	}
	srv.Fail.Store(http.StatusNotFound)
	if _, err := load(); err == nil || !strings.Contains(err.Error(), "404 Not Found") {
		t.Errorf("404: %v, want an error even with a cached copy", err)
	}
}

func TestARefusedDownloadKeepsTheLastGoodCopy(t *testing.T) {
	keys := rsaKeys(t)
	good := acmeBundle(t, &keys)
	srv := newBundleServer(t, good)
	var log bytes.Buffer
	opts := LoadOptions{Fetcher: testFetcher(t, srv.Client(), &log), Key: keys.public,
		KeyID: DefaultKeyID}
	url := srv.URL + "/b.tar.gz"
	if _, err := Load(context.Background(), []string{url}, opts); err != nil {
		t.Fatal(err)
	}

	srv.Publish(acmeBundle(t, nil))
	_, err := Load(context.Background(), []string{url}, opts)
	if err == nil || !strings.Contains(err.Error(), "bundle missing .signatures.json file") {
		t.Fatalf("unsigned publish: %v, want it refused", err)
	}
	srv.Fail.Store(http.StatusServiceUnavailable)
	got, err := Load(context.Background(), []string{url}, opts)
	if err != nil {
		t.Fatalf("server down: %v, want the last good copy", err)
	}
	if got[0].Digest != Digest(good) || !got[0].Signed {
		t.Errorf("fell back to %s (signed %v), want the good bundle %s", got[0].Digest,
			got[0].Signed, Digest(good))
	}
}

func TestARedirectToPlainHTTPIsRefused(t *testing.T) {
	keys := rsaKeys(t)
	good := acmeBundle(t, &keys)
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(good)
	}))
	t.Cleanup(plain.Close)
	secure := httptest.NewTLSServer(http.RedirectHandler(plain.URL+"/b.tar.gz",
		http.StatusFound))
	t.Cleanup(secure.Close)
	var log bytes.Buffer
	f := testFetcher(t, secure.Client(), &log)
	url := secure.URL + "/b.tar.gz"
	// A cached copy is there, and must not stand in: the server answered.
	if err := f.Cache.remember(url, good, ""); err != nil {
		t.Fatal(err)
	}

	_, err := Load(context.Background(), []string{url},
		LoadOptions{Fetcher: f, Key: keys.public, KeyID: DefaultKeyID})
	if err == nil || !strings.Contains(err.Error(), "redirect from https to http refused") {
		t.Fatalf("error %v, want the downgrade refused", err)
	}
	if strings.Contains(log.String(), "using the cached copy") {
		t.Errorf("fell back to the cache: %q", log.String())
	}
}

func TestHTTPFetchErrorsWithoutACache(t *testing.T) {
	keys := rsaKeys(t)
	tests := []struct {
		name   string
		status int32
		want   string
	}{
		{"server error", http.StatusInternalServerError, "500 Internal Server Error"},
		{"timeout", -1, "Client.Timeout exceeded"},
		{"not found", http.StatusNotFound, "404 Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newBundleServer(t, acmeBundle(t, &keys))
			srv.Fail.Store(tt.status)
			var log bytes.Buffer
			opts := LoadOptions{Fetcher: testFetcher(t, srv.Client(), &log), Key: keys.public,
				KeyID: DefaultKeyID}
			_, err := Load(context.Background(), []string{srv.URL + "/b.tar.gz"}, opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestRemoteBundlesMustBeSignedByDefault(t *testing.T) {
	srv := newBundleServer(t, acmeBundle(t, nil))
	var log bytes.Buffer
	f := testFetcher(t, srv.Client(), &log)
	url := srv.URL + "/b.tar.gz"

	_, err := Load(context.Background(), []string{url}, LoadOptions{Fetcher: f})
	if err == nil || !strings.Contains(err.Error(), "must be signed") {
		t.Errorf("no key: %v, want a demand for a signature", err)
	}
	keys := rsaKeys(t)
	_, err = Load(context.Background(), []string{url},
		LoadOptions{Fetcher: f, Key: keys.public, KeyID: DefaultKeyID})
	if err == nil || !strings.Contains(err.Error(), "bundle missing .signatures.json file") {
		t.Errorf("unsigned: %v, want it refused", err)
	}
	no := false
	b, err := Load(context.Background(), []string{url},
		LoadOptions{Fetcher: f, RequireSigned: &no})
	if err != nil || b[0].Signed {
		t.Errorf("waived: %v, signed %v", err, b)
	}
}

func TestHostileArchivesAreRefused(t *testing.T) {
	small := Limits{Compressed: 1 << 20, Uncompressed: 1 << 20, Files: 100}
	tests := []struct {
		name    string
		entries []tarEntry
		want    string
	}{
		{"gzip bomb", []tarEntry{{name: "/data.json", body: bytes.Repeat([]byte(" "), 8<<20)}},
			"files add up to more than the limit"},
		{"parent path", []tarEntry{{name: "../evil.rego", body: []byte("package x")}},
			"../evil.rego: path is not clean"},
		{"nested parent path", []tarEntry{{name: "/a/../../evil.rego"}},
			"path is not clean"},
		{"windows path", []tarEntry{{name: "C:\\evil.rego"}}, "not a relative path"},
		{"symlink", []tarEntry{{name: "/x.rego", link: "/etc/passwd"}}, "not a regular file"},
		{"wasm", []tarEntry{{name: "/policy.wasm"}}, "tms bundles hold no WebAssembly"},
		{"declared gigabyte", []tarEntry{{name: "/data.json", declared: 1 << 30}},
			"files add up to more than the limit"},
		{"too many files", manyEntries(101), "more than 100 files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(makeTarGz(t, tt.entries), "hostile.tar.gz", Verification{}, small)
			if err == nil || !strings.Contains(err.Error(), tt.want) ||
				!strings.HasPrefix(err.Error(), "bundle hostile.tar.gz: ") {
				t.Fatalf("error %v, want one naming the bundle and containing %q", err, tt.want)
			}
		})
	}
}

func TestHTTPBodyOverTheLimitIsRefused(t *testing.T) {
	data := makeTarGz(t, []tarEntry{{name: "/data.json", body: bytes.Repeat([]byte("{}"), 1)}})
	srv := newBundleServer(t, append(data, bytes.Repeat([]byte{0}, 4096)...))
	var log bytes.Buffer
	f := testFetcher(t, srv.Client(), &log)
	f.Limits = Limits{Compressed: 1024, Uncompressed: 1 << 20, Files: 10}
	no := false
	_, err := Load(context.Background(), []string{srv.URL + "/b.tar.gz"},
		LoadOptions{Fetcher: f, RequireSigned: &no})
	if err == nil || !strings.Contains(err.Error(), "over the limit of 1024") {
		t.Fatalf("error %v, want the size limit", err)
	}
}

func TestHostileDownloadsAreRefusedAndNotCached(t *testing.T) {
	small := Limits{Compressed: 1 << 20, Uncompressed: 1 << 20, Files: 100}
	bomb := makeTarGz(t, []tarEntry{{name: "/data.json",
		body: bytes.Repeat([]byte(" "), 8<<20)}})
	climb := makeTarGz(t, []tarEntry{{name: "../evil.rego", body: []byte("package x")}})
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"gzip bomb", serveBytes(bomb), "files add up to more than the limit of 1048576 bytes"},
		{"parent path", serveBytes(climb), "../evil.rego: path is not clean"},
		{"declared gigabyte", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1073741824")
			w.Write([]byte("not the gigabyte it promised"))
		}, "declares 1073741824 bytes, over the limit of 1048576 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewTLSServer(tt.handler)
			t.Cleanup(srv.Close)
			var log bytes.Buffer
			f := testFetcher(t, srv.Client(), &log)
			f.Limits = small
			no := false
			url := srv.URL + "/b.tar.gz"
			_, err := Load(context.Background(), []string{url},
				LoadOptions{Fetcher: f, RequireSigned: &no})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if _, _, cached := f.Cache.lookup(url); cached {
				t.Error("the refused download was cached")
			}
		})
	}
}

func serveBytes(data []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { w.Write(data) }
}

func TestNetworkFailuresFallBackToTheCache(t *testing.T) {
	keys := rsaKeys(t)
	good := acmeBundle(t, &keys)
	tests := []struct {
		name    string
		breakIt func(*bundletest.BundleServer)
	}{
		{"connection refused", func(s *bundletest.BundleServer) { s.Close() }},
		{"timeout", func(s *bundletest.BundleServer) { s.Fail.Store(-1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newBundleServer(t, good)
			var log bytes.Buffer
			opts := LoadOptions{Fetcher: testFetcher(t, srv.Client(), &log), Key: keys.public,
				KeyID: DefaultKeyID}
			url := srv.URL + "/b.tar.gz"
			if _, err := Load(context.Background(), []string{url}, opts); err != nil {
				t.Fatal(err)
			}
			tt.breakIt(srv)
			log.Reset()
			got, err := Load(context.Background(), []string{url}, opts)
			if err != nil {
				t.Fatalf("%v, want the cached copy", err)
			}
			if got[0].Digest != Digest(good) || !got[0].Cached {
				t.Errorf("digest %s cached %v, want the cached %s", got[0].Digest, got[0].Cached,
					Digest(good))
			}
			if !strings.Contains(log.String(), "bundle server unreachable: using the cached copy") {
				t.Errorf("no warning in %q", log.String())
			}
		})
	}
}

type tarEntry struct {
	name     string
	body     []byte
	link     string
	declared int64 // a size written in the header with no content behind it
}

func manyEntries(n int) []tarEntry {
	out := make([]tarEntry, n)
	for i := range out {
		out[i] = tarEntry{name: "/d" + strings.Repeat("x", i) + ".rego"}
	}
	return out
}

// makeTarGz writes entries as a .tar.gz; a declared size ends the archive
// right after that header, as a crafted download would.
func makeTarGz(t *testing.T, entries []tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body)),
			Typeflag: tar.TypeReg}
		if e.link != "" {
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, e.link, 0
		}
		if e.declared > 0 {
			h.Size = e.declared
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if e.declared > 0 {
			tw.Flush()
			break
		}
		if _, err := tw.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	tw.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
