package bundles

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/distribution/distribution/v3/configuration"
	"github.com/distribution/distribution/v3/registry/handlers"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"golang.org/x/crypto/bcrypt"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"

	// The registry's in-memory storage and htpasswd auth register themselves.
	_ "github.com/distribution/distribution/v3/registry/auth/htpasswd"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/inmemory"
)

// testRegistry is a registry server that counts the blobs it hands out.
type testRegistry struct {
	*httptest.Server
	blobGets atomic.Int32
}

// startRegistry runs the CNCF distribution registry in process on
// 127.0.0.1, with in-memory storage and one htpasswd user, and points the
// Docker credential store at a config holding that user's password.
func startRegistry(t *testing.T, password string) (*testRegistry, string) {
	t.Helper()
	dir := t.TempDir()
	hash, err := bcrypt.GenerateFromPassword([]byte("ci"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	htpasswd := filepath.Join(dir, "htpasswd")
	if err := os.WriteFile(htpasswd, append([]byte("ci:"), hash...), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := &configuration.Configuration{}
	cfg.Storage = configuration.Storage{"inmemory": configuration.Parameters{}}
	cfg.Auth = configuration.Auth{"htpasswd": configuration.Parameters{
		"realm": "tms-test", "path": htpasswd}}
	cfg.Log.Level = "error"
	cfg.Log.AccessLog.Disabled = true
	app := handlers.NewApp(context.Background(), cfg)
	srv := &testRegistry{}
	srv.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter,
		r *http.Request) {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/") {
			srv.blobGets.Add(1)
		}
		app.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")

	auth := base64.StdEncoding.EncodeToString([]byte("ci:" + password))
	docker, err := json.Marshal(map[string]any{"auths": map[string]any{host: map[string]string{
		"auth": auth}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), docker, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DOCKER_CONFIG", dir)
	return srv, host
}

func TestPushAndPullThroughARegistry(t *testing.T) {
	srv, host := startRegistry(t, "ci")
	keys := ecdsaKeys(t)
	signed := acmeBundle(t, &keys)
	var log bytes.Buffer
	f := testFetcher(t, http.DefaultClient, &log)
	ref := "oci://" + host + "/org/policies:1.0"

	if _, err := f.Push(context.Background(), signed, ref); err != nil {
		t.Fatal(err)
	}
	layers := manifestLayers(t, f, ref)
	if len(layers) != 1 || layers[0].MediaType != ocispec.MediaTypeImageLayerGzip ||
		layers[0].Digest.String() != Digest(signed) {
		t.Errorf("layers %+v, want the bundle tarball as the one tar+gzip layer", layers)
	}

	opts := LoadOptions{Fetcher: f, Key: keys.public, KeyID: DefaultKeyID}
	got, err := Load(context.Background(), []string{ref}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !got[0].Signed || got[0].Digest != Digest(signed) || got[0].Revision != "2026.06.01" {
		t.Errorf("pulled %+v", got[0])
	}

	srv.Close()
	log.Reset()
	if _, err := Load(context.Background(), []string{ref}, opts); err != nil {
		t.Fatalf("registry down: %v, want the cached bundle", err)
	}
	if !strings.Contains(log.String(), "registry unreachable: using the cached bundle") {
		t.Errorf("no warning: %q", log.String())
	}
}

func TestAnUnchangedLayerIsNotDownloadedAgain(t *testing.T) {
	srv, host := startRegistry(t, "ci")
	keys := ecdsaKeys(t)
	var log bytes.Buffer
	f := testFetcher(t, http.DefaultClient, &log)
	ref := "oci://" + host + "/org/policies:1.0"
	if _, err := f.Push(context.Background(), acmeBundle(t, &keys), ref); err != nil {
		t.Fatal(err)
	}
	opts := LoadOptions{Fetcher: f, Key: keys.public, KeyID: DefaultKeyID}

	for run := 1; run <= 3; run++ {
		if _, err := Load(context.Background(), []string{ref}, opts); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
	}
	if got := srv.blobGets.Load(); got != 1 {
		t.Errorf("%d blob downloads in three runs, want 1", got)
	}
}

func TestARefusedPullKeepsTheLastGoodLayer(t *testing.T) {
	srv, host := startRegistry(t, "ci")
	keys := ecdsaKeys(t)
	good := acmeBundle(t, &keys)
	var log bytes.Buffer
	f := testFetcher(t, http.DefaultClient, &log)
	ref := "oci://" + host + "/org/policies:1.0"
	opts := LoadOptions{Fetcher: f, Key: keys.public, KeyID: DefaultKeyID}
	push := func(data []byte) {
		if _, err := f.Push(context.Background(), data, ref); err != nil {
			t.Fatal(err)
		}
	}

	push(good)
	if _, err := Load(context.Background(), []string{ref}, opts); err != nil {
		t.Fatal(err)
	}
	push(acmeBundle(t, nil))
	_, err := Load(context.Background(), []string{ref}, opts)
	if err == nil || !strings.Contains(err.Error(), "bundle missing .signatures.json file") {
		t.Fatalf("unsigned push: %v, want it refused", err)
	}
	srv.Close()
	got, err := Load(context.Background(), []string{ref}, opts)
	if err != nil {
		t.Fatalf("registry down: %v, want the last good layer", err)
	}
	if got[0].Digest != Digest(good) {
		t.Errorf("fell back to %s, want the good bundle %s", got[0].Digest, Digest(good))
	}
}

func TestRegistryRefusesWrongCredentials(t *testing.T) {
	_, host := startRegistry(t, "wrong")
	var log bytes.Buffer
	f := testFetcher(t, http.DefaultClient, &log)
	_, err := f.Push(context.Background(), acmeBundle(t, nil), "oci://"+host+"/org/p:1")
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("error %v, want 401 Unauthorized", err)
	}
}

func TestRegistryAnswersAreNotReplacedByTheCache(t *testing.T) {
	keys := ecdsaKeys(t)
	tests := []struct {
		name, password, want string
	}{
		{"tag not in the registry", "ci", "the registry has no such repository or tag"},
		{"credentials refused", "wrong", "the registry refused the credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, host := startRegistry(t, tt.password)
			var log bytes.Buffer
			f := testFetcher(t, http.DefaultClient, &log)
			ref := "oci://" + host + "/org/policies:1.0"
			if err := f.Cache.remember(ref, acmeBundle(t, &keys), ""); err != nil {
				t.Fatal(err)
			}
			opts := LoadOptions{Fetcher: f, Key: keys.public, KeyID: DefaultKeyID}
			_, err := Load(context.Background(), []string{ref}, opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if strings.Contains(log.String(), "registry unreachable") {
				t.Errorf("fell back to the cache: %q", log.String())
			}
		})
	}
}

func TestPullRefusesALayerPerFile(t *testing.T) {
	_, host := startRegistry(t, "ci")
	var log bytes.Buffer
	f := testFetcher(t, http.DefaultClient, &log)
	ref := "oci://" + host + "/org/conftest:1"
	repo, err := f.repository(ref)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var layers []ocispec.Descriptor
	for _, file := range []string{"package a", "package b"} {
		d, err := oras.PushBytes(ctx, repo, ocispec.MediaTypeImageLayerGzip, []byte(file))
		if err != nil {
			t.Fatal(err)
		}
		layers = append(layers, d)
	}
	m, err := oras.PackManifest(ctx, repo, oras.PackManifestVersion1_1, "application/x-test",
		oras.PackManifestOptions{Layers: layers})
	if err != nil {
		t.Fatal(err)
	}
	if err := repo.Tag(ctx, m, "1"); err != nil {
		t.Fatal(err)
	}
	no := false
	_, err = Load(ctx, []string{ref}, LoadOptions{Fetcher: f, RequireSigned: &no})
	if err == nil || !strings.Contains(err.Error(), "expected one layer") {
		t.Fatalf("error %v, want the single-layer layout demanded", err)
	}
}

func manifestLayers(t *testing.T, f *Fetcher, ref string) []ocispec.Descriptor {
	t.Helper()
	repo, err := f.repository(ref)
	if err != nil {
		t.Fatal(err)
	}
	desc, rc, err := repo.FetchReference(context.Background(), repo.Reference.Reference)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	raw, err := content.ReadAll(rc, desc)
	if err != nil {
		t.Fatal(err)
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m.Layers
}
