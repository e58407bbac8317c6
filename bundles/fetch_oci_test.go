package bundles

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"

	"github.com/tms-dev/tms/bundles/bundletest"
)

// startRegistry runs an OCI registry until the test ends, and points the
// Docker credential store at a config that logs in with password.
func startRegistry(t *testing.T, password string) (*bundletest.Registry, string) {
	t.Helper()
	r, err := bundletest.StartRegistry(t.TempDir(), password)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	t.Setenv("DOCKER_CONFIG", r.DockerConfig)
	return r, r.Host
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
	if !got[0].Signed || got[0].Digest != Digest(signed) || got[0].Revision != "2026.06.01" ||
		got[0].Cached {
		t.Errorf("pulled %+v", got[0])
	}

	srv.Close()
	log.Reset()
	got, err = Load(context.Background(), []string{ref}, opts)
	if err != nil {
		t.Fatalf("registry down: %v, want the cached bundle", err)
	}
	if !got[0].Cached {
		t.Error("the cached bundle that stood in for the registry is not marked cached")
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
	if got := srv.BlobGets.Load(); got != 1 {
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
