// Package bundletest runs the servers organisation bundles are published
// to, in process on 127.0.0.1: an OCI registry and an HTTPS server. Tests
// of the bundles package and of the command line share them.
package bundletest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/distribution/distribution/v3/configuration"
	"github.com/distribution/distribution/v3/registry/handlers"
	"golang.org/x/crypto/bcrypt"

	// The registry's in-memory storage and htpasswd auth register themselves.
	_ "github.com/distribution/distribution/v3/registry/auth/htpasswd"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/inmemory"
)

// Registry is the CNCF distribution registry with in-memory storage and
// one htpasswd user, ci, with the password "ci".
type Registry struct {
	*httptest.Server
	Host string // host:port, for oci:// references
	// DockerConfig is a directory whose config.json holds credentials for
	// the registry, for $DOCKER_CONFIG.
	DockerConfig string
	BlobGets     atomic.Int32 // blob downloads served
}

// StartRegistry starts a registry, writing its password file and a Docker
// config that logs in as ci with password into dir.
func StartRegistry(dir, password string) (*Registry, error) {
	hash, err := bcrypt.GenerateFromPassword([]byte("ci"), bcrypt.MinCost)
	if err != nil {
		return nil, err
	}
	htpasswd := filepath.Join(dir, "htpasswd")
	if err := os.WriteFile(htpasswd, append([]byte("ci:"), hash...), 0o600); err != nil {
		return nil, err
	}
	cfg := &configuration.Configuration{}
	cfg.Storage = configuration.Storage{"inmemory": configuration.Parameters{}}
	cfg.Auth = configuration.Auth{"htpasswd": configuration.Parameters{
		"realm": "tms-test", "path": htpasswd}}
	cfg.Log.Level = "error"
	cfg.Log.AccessLog.Disabled = true
	app := handlers.NewApp(context.Background(), cfg)

	r := &Registry{DockerConfig: dir}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter,
		req *http.Request) {
		if req.Method == http.MethodGet && strings.Contains(req.URL.Path, "/blobs/") {
			r.BlobGets.Add(1)
		}
		app.ServeHTTP(w, req)
	}))
	r.Host = strings.TrimPrefix(r.URL, "http://")
	if err := writeDockerConfig(dir, r.Host, password); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

func writeDockerConfig(dir, host, password string) error {
	auth := base64.StdEncoding.EncodeToString([]byte("ci:" + password))
	docker, err := json.Marshal(map[string]any{"auths": map[string]any{host: map[string]string{
		"auth": auth}}})
	if err != nil {
		return fmt.Errorf("docker config: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, "config.json"), docker, 0o600)
}
