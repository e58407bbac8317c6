package bundletest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"time"
)

// BundleServer serves one bundle over HTTPS at every path, with its digest
// as ETag, answering 304 to a matching If-None-Match, and failing on
// demand.
type BundleServer struct {
	*httptest.Server
	data        atomic.Pointer[[]byte]
	Requests    atomic.Int32
	Revalidated atomic.Int32 // requests that carried If-None-Match
	NotModified atomic.Int32 // of those, the ones answered 304
	// Fail is 0 to serve, an HTTP status to answer with it, or -1 to hang
	// until the client gives up (at most 3 seconds).
	Fail atomic.Int32
}

// NewBundleServer starts a server handing out data.
func NewBundleServer(data []byte) *BundleServer {
	s := &BundleServer{}
	s.Publish(data)
	s.Server = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	return s
}

func (s *BundleServer) serve(w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	switch code := s.Fail.Load(); {
	case code == -1:
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
		return
	case code != 0:
		http.Error(w, "failing", int(code))
		return
	}
	data := *s.data.Load()
	sum := sha256.Sum256(data)
	etag := `"sha256:` + hex.EncodeToString(sum[:]) + `"`
	if match := r.Header.Get("If-None-Match"); match != "" {
		s.Revalidated.Add(1)
		if match == etag {
			s.NotModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("ETag", etag)
	w.Write(data)
}

// Publish replaces the bundle the server hands out.
func (s *BundleServer) Publish(data []byte) {
	s.data.Store(&data)
}

// WriteCertificate writes the server's certificate as PEM to path, for a
// process that finds its trusted roots in $SSL_CERT_FILE.
func (s *BundleServer) WriteCertificate(path string) error {
	block := &pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw}
	return os.WriteFile(path, pem.EncodeToMemory(block), 0o644)
}
