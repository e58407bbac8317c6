package dockerfile

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"Dockerfile":                  true,
		"services/api/Dockerfile":     true,
		"dockerfile":                  true,
		"Containerfile":               true,
		"build/api.Dockerfile":        true,
		"Dockerfile.prod":             true,
		"dockerfile.prod":             false,
		"API.DOCKERFILE":              true,
		"dockerfile.go":               false,
		"extractors/containerfile.go": false,
		"Dockerfile.md":               false,
		"deploy/Containerfile.dev":    true,
		"Dockerfile.dockerignore":     false,
		"api.Dockerfile.dockerignore": false,
		"Dockerfiles/README.md":       false,
		"docs/dockerfile-guide.md":    false,
		"MyDockerfile":                false,
		"src/containerfile_parser.go": false,
		"testdata/.dockerignore":      false,
	}
	for path, want := range tests {
		if got := New().Match(path); got != want {
			t.Errorf("Match(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestRunsAsRoot(t *testing.T) {
	tests := map[string]bool{
		"":                       true,
		"root":                   true,
		"0":                      true,
		"0:0":                    true,
		"000":                    true,
		"root:staff":             true,
		"${APP_UID}":             true,
		"containeradministrator": true,
		"ContainerUser":          false,
		"1000":                   false,
		"1000:0":                 false,
		"app:root":               false,
		"nonroot":                false,
	}
	for user, want := range tests {
		if got := runsAsRoot(user); got != want {
			t.Errorf("runsAsRoot(%q) = %v, want %v", user, got, want)
		}
	}
}

func TestParseImage(t *testing.T) {
	tests := map[string]imageRef{
		"ubuntu":                          {name: "ubuntu"},
		"docker.io/library/ubuntu:24.04":  {name: "ubuntu", tag: "24.04"},
		"index.docker.io/bitnami/redis:7": {name: "bitnami/redis", tag: "7"},
		"localhost:5000/app":              {name: "localhost:5000/app"},
		"ghcr.io/org/app:v1@sha256:" + hex64: {
			name: "ghcr.io/org/app", tag: "v1", digest: "sha256:" + hex64,
		},
		"${BASE}":             {name: "${BASE}", unresolved: true},
		"${REGISTRY}/app:1":   {name: "${REGISTRY}/app:1", unresolved: true},
		"$BASE:1.0":           {name: "$BASE:1.0", unresolved: true},
		"node:${NODE}-alpine": {name: "node", tag: "${NODE}-alpine", unresolved: true},
		"node@${DIGEST}":      {name: "node", digest: "${DIGEST}", unresolved: true},
		"reg:5000/node:${V}@sha256:" + hex64: {
			name: "reg:5000/node", tag: "${V}", digest: "sha256:" + hex64, unresolved: true,
		},
		"Not/A/Valid/Ref": {name: "Not/A/Valid/Ref"},
	}
	for raw, want := range tests {
		got := parseImage(raw)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(imageRef{})); diff != "" {
			t.Errorf("parseImage(%q) (-want +got):\n%s", raw, diff)
		}
	}
}

const hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
