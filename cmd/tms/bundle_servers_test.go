package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tms-dev/tms/bundles/bundletest"
)

// bundleServers are the servers a script publishes bundles to, closed when
// it ends or when it goes offline.
type bundleServers struct {
	registry *bundletest.Registry
	https    *bundletest.BundleServer
}

type bundleServersKey struct{}

func (s *bundleServers) close() {
	if s.registry != nil {
		s.registry.Close()
	}
	if s.https != nil {
		s.https.Close()
	}
}

func scriptServers(ts *testscript.TestScript) *bundleServers {
	return ts.Value(bundleServersKey{}).(*bundleServers)
}

// startRegistry starts an OCI registry on 127.0.0.1, sets $REGISTRY to its
// host:port and points $DOCKER_CONFIG at credentials for it:
//
//	registry
func startRegistry(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: registry")
	}
	dir := ts.MkAbs(".registry")
	ts.Check(os.MkdirAll(dir, 0o755))
	r, err := bundletest.StartRegistry(dir, "ci")
	ts.Check(err)
	scriptServers(ts).registry = r
	ts.Setenv("REGISTRY", r.Host)
	ts.Setenv("DOCKER_CONFIG", dir)
}

// serveBundle serves a file over HTTPS with an ETag, sets $HTTPS_URL to
// the server's URL and makes tms trust its certificate:
//
//	serve-bundle FILE
func serveBundle(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: serve-bundle FILE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	s := bundletest.NewBundleServer(data)
	scriptServers(ts).https = s
	cert := filepath.Join(ts.MkAbs(".registry"), "https.pem")
	ts.Check(os.MkdirAll(filepath.Dir(cert), 0o755))
	ts.Check(s.WriteCertificate(cert))
	ts.Setenv("HTTPS_URL", s.URL)
	ts.Setenv("SSL_CERT_FILE", cert)
}

// bundleRequests prints what the HTTPS server answered, for the script to
// match:
//
//	bundle-requests
func bundleRequests(ts *testscript.TestScript, neg bool, args []string) {
	s := scriptServers(ts).https
	if neg || len(args) != 0 || s == nil {
		ts.Fatalf("usage: bundle-requests, after serve-bundle")
	}
	fmt.Fprintf(ts.Stdout(), "%d requests, %d revalidated, %d not modified\n",
		s.Requests.Load(), s.Revalidated.Load(), s.NotModified.Load())
}

// offline stops every server the script started, as a network outage does:
//
//	offline
func offline(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: offline")
	}
	scriptServers(ts).close()
}
