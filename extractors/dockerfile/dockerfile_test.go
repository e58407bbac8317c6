package dockerfile

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func at(path string, line int) extractors.Location {
	return extractors.Location{Path: path, Line: line}
}

// image describes a built image. The build facts default to none found.
func image(path string, line int, attrs map[string]any) extractors.Item {
	for _, key := range []string{"add_urls", "pipe_to_shell", "secrets_in_env"} {
		if _, ok := attrs[key]; !ok {
			attrs[key] = []any{}
		}
	}
	return extractors.Item{
		ID: "container.image:" + path, Kind: "container.image",
		Name: "image built by " + path, Exposure: extractors.ExposureUnknown,
		Attributes: attrs, Location: at(path, line),
	}
}

func base(path, name string, line int, attrs map[string]any) extractors.Item {
	return extractors.Item{
		ID: "container.base:" + path + "#" + name, Kind: "container.base",
		Name: name, Exposure: extractors.ExposureInternal,
		Attributes: attrs, Location: at(path, line),
	}
}

func exposed(path string, line int, value any, proto, key string) extractors.Item {
	return extractors.Item{
		ID: "container.port:" + path + "#" + key, Kind: "container.port",
		Name: "port " + key + " of " + path, Exposure: extractors.ExposureUnknown,
		Attributes: map[string]any{"port": value, "protocol": proto},
		Location:   at(path, line),
	}
}

func TestExtractFixtures(t *testing.T) {
	const (
		goDigest     = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		staticDigest = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
	)
	tests := []struct {
		file     string
		want     []extractors.Item
		wantLine int // line of the returned error, 0 for none
	}{
		{file: "api.Dockerfile", want: []extractors.Item{
			image("api.Dockerfile", 19, map[string]any{
				"base_image": "${BASE}", "stages": 3,
				"user": "nonroot:nonroot", "runs_as_root": false,
			}),
			base("api.Dockerfile", "golang", 5, map[string]any{
				"image": "golang", "tag": "${GO_VERSION}", "digest": "",
				"pinned": false, "stage": "build", "unresolved": true,
			}),
			base("api.Dockerfile", "${BASE}", 19, map[string]any{
				"image": "${BASE}", "tag": "", "digest": "",
				"pinned": false, "stage": "final", "unresolved": true,
			}),
			exposed("api.Dockerfile", 22, 8080, "tcp", "8080/tcp"),
			exposed("api.Dockerfile", 22, 9090, "udp", "9090/udp"),
			exposed("api.Dockerfile", 24, 8000, "tcp", "8000/tcp"),
			exposed("api.Dockerfile", 24, 8001, "tcp", "8001/tcp"),
			exposed("api.Dockerfile", 24, 8002, "tcp", "8002/tcp"),
			exposed("api.Dockerfile", 24, "30000-32767", "tcp", "30000-32767/tcp"),
			exposed("api.Dockerfile", 24, "${DEBUG_PORT}", "tcp", "${DEBUG_PORT}/tcp"),
		}},
		{file: "Dockerfile", want: []extractors.Item{
			image("Dockerfile", 6, map[string]any{
				"base_image": "alpine", "stages": 2, "user": "1000", "runs_as_root": false,
			}),
			base("Dockerfile", "alpine", 1, map[string]any{
				"image": "alpine", "tag": "3.20", "digest": "",
				"pinned": false, "stage": "base", "unresolved": false,
			}),
			exposed("Dockerfile", 7, 443, "tcp", "443/tcp"),
			exposed("Dockerfile", 7, 80, "tcp", "80/tcp"),
		}},
		{file: "Containerfile.windows", want: []extractors.Item{
			image("Containerfile.windows", 3, map[string]any{
				"base_image": "mcr.microsoft.com/windows/servercore", "stages": 1,
				"user": "ContainerAdministrator", "runs_as_root": true,
			}),
			base("Containerfile.windows", "mcr.microsoft.com/windows/servercore", 3,
				map[string]any{
					"image": "mcr.microsoft.com/windows/servercore", "tag": "ltsc2022",
					"digest": "", "pinned": false, "stage": "0", "unresolved": false,
				}),
			exposed("Containerfile.windows", 7, 3389, "tcp", "3389/tcp"),
		}},
		{file: "scratch.Dockerfile", want: []extractors.Item{
			image("scratch.Dockerfile", 4, map[string]any{
				"base_image": "scratch", "stages": 2, "user": "0:0", "runs_as_root": true,
			}),
			base("scratch.Dockerfile", "registry.example.com:5000/team/builder", 1,
				map[string]any{
					"image": "registry.example.com:5000/team/builder", "tag": "",
					"digest": "", "pinned": false, "stage": "builder", "unresolved": false,
				}),
		}},
		{file: "noexpose.Dockerfile", want: []extractors.Item{
			image("noexpose.Dockerfile", 2, map[string]any{
				"base_image": "node", "stages": 2, "user": "node", "runs_as_root": false,
			}),
			base("noexpose.Dockerfile", "node", 1, map[string]any{
				"image": "node", "tag": "20-slim", "digest": "",
				"pinned": false, "stage": "deps", "unresolved": false,
			}),
		}},
		{file: "pinned.Dockerfile", want: []extractors.Item{
			image("pinned.Dockerfile", 4, map[string]any{
				"base_image": "gcr.io/distroless/static", "stages": 2,
				"user": "65532", "runs_as_root": false,
			}),
			base("pinned.Dockerfile", "golang", 1, map[string]any{
				"image": "golang", "tag": "1.22", "digest": goDigest,
				"pinned": true, "stage": "build", "unresolved": false,
			}),
			base("pinned.Dockerfile", "gcr.io/distroless/static", 4, map[string]any{
				"image": "gcr.io/distroless/static", "tag": "", "digest": staticDigest,
				"pinned": true, "stage": "1", "unresolved": false,
			}),
			exposed("pinned.Dockerfile", 7, 8080, "udp", "8080/udp"),
			exposed("pinned.Dockerfile", 7, 1, "tcp", "1/tcp"),
			exposed("pinned.Dockerfile", 7, 8080, "tcp", "8080/tcp"),
		}},
		// A bad FROM or EXPOSE argument is reported; the rest is still read.
		{file: "invalid.Dockerfile", wantLine: 1, want: []extractors.Item{
			image("invalid.Dockerfile", 2, map[string]any{
				"base_image": "alpine", "stages": 1, "user": "", "runs_as_root": true,
			}),
			base("invalid.Dockerfile", "alpine", 2, map[string]any{
				"image": "alpine", "tag": "3", "digest": "",
				"pinned": false, "stage": "0", "unresolved": false,
			}),
			exposed("invalid.Dockerfile", 3, 80, "tcp", "80/tcp"),
			exposed("invalid.Dockerfile", 3, 8443, "tcp", "8443/tcp"),
		}},
		{file: "broken.Dockerfile", wantLine: 3},
		// Downloads and secret-looking variables count in every stage.
		{file: "fetch.Dockerfile", want: []extractors.Item{
			image("fetch.Dockerfile", 15, map[string]any{
				"base_image": "debian", "stages": 2, "user": "", "runs_as_root": true,
				"add_urls": []any{
					map[string]any{
						"url": "https://REDACTED@example.com/tool.tgz", "line": 4, "checksum": false,
					},
					map[string]any{
						"url": "https://example.com/pinned.tgz", "line": 5, "checksum": true,
					},
					map[string]any{"url": "http://example.com/raw", "line": 16, "checksum": false},
				},
				"pipe_to_shell":  []any{6, 9, 17, 18},
				"secrets_in_env": []any{"DB_PASSWORD", "GH_TOKEN", "SIGNING_KEY"},
			}),
			base("fetch.Dockerfile", "alpine", 3, map[string]any{
				"image": "alpine", "tag": "3.20", "digest": "",
				"pinned": false, "stage": "build", "unresolved": false,
			}),
			base("fetch.Dockerfile", "debian", 15, map[string]any{
				"image": "debian", "tag": "12", "digest": "",
				"pinned": false, "stage": "1", "unresolved": false,
			}),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := extractortest.ExtractFixture(t, New(), "testdata", tt.file)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}
