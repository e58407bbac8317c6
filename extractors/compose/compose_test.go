package compose

import (
	"maps"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

const digest = "sha256:4b3c6a1e9f0d2c8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"docker-compose.yml": true, "deploy/docker-compose.yaml": true,
		"docker-compose.override.yml": true, "docker-compose-dev.yml": true,
		"compose.yaml": true, "compose.prod.yml": true, "Compose.YAML": true,
		"composer.yaml": false, "docker-compose.json": false, "my-compose.yml": false,
		"compose.txt": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func service(name string, line int, exposure extractors.Exposure,
	attrs map[string]any) extractors.Item {
	all := map[string]any{
		"image": "", "tag": "", "digest": "", "pinned": false, "build": "",
		"privileged": false, "host_network": false, "host_pid": false, "host_ipc": false,
		"docker_socket": false, "bind_mounts": []any{}, "cap_add": []any{}, "user": "",
		"published_ports": 0,
	}
	maps.Copy(all, attrs)
	return extractors.Item{
		ID: "compose.service:docker-compose.yml#" + name, Kind: "compose.service", Name: name,
		Exposure: exposure, Attributes: all,
		Location: extractors.Location{Path: "docker-compose.yml", Line: line},
	}
}

func published(svc, hostIP, pub, target, proto string, line int,
	exposure extractors.Exposure) extractors.Item {
	shown := pub
	if shown == "" {
		shown = "random"
	}
	what := svc + "/" + shown + ":" + target + "/" + proto
	return extractors.Item{
		ID: "compose.port:docker-compose.yml#" + what, Kind: "compose.port", Name: what,
		Exposure: exposure,
		Attributes: map[string]any{
			"service": svc, "host_ip": hostIP, "published": pub, "target": target,
			"protocol": proto,
		},
		Location: extractors.Location{Path: "docker-compose.yml", Line: line},
	}
}

func TestExtract(t *testing.T) {
	public, internal := extractors.ExposurePublic, extractors.ExposureInternal
	unknown := extractors.ExposureUnknown
	want := []extractors.Item{
		service("web", 10, public, map[string]any{
			"image": "nginx:1.25", "tag": "1.25", "bind_mounts": []any{"./site"},
			"published_ports": 5,
		}),
		published("web", "", "80", "80", "tcp", 13, public),
		published("web", "127.0.0.1", "8443", "443", "tcp", 14, internal),
		published("web", "", "", "9000", "tcp", 15, public),
		published("web", "[::1]", "9229", "9229", "tcp", 16, internal),
		published("web", "", "${WEB_PORT:-8080}", "8080", "tcp", 17, public),
		service("agent", 22, unknown, map[string]any{
			"image": "portainer/agent@" + digest, "digest": digest, "pinned": true,
			"privileged": true, "docker_socket": true,
			"bind_mounts": []any{"/var/run/docker.sock"},
			"cap_add":     []any{"NET_ADMIN", "SYS_PTRACE"}, "published_ports": 1,
		}),
		published("agent", "10.0.0.5", "9001", "9001", "udp", 30, unknown),
		service("monitor", 35, unknown, map[string]any{
			"build": ".", "host_network": true, "host_pid": true, "user": "root",
			"cap_add": []any{"SYS_ADMIN"},
		}),
		service("worker", 43, internal, map[string]any{"build": "./worker", "host_ipc": true}),
	}

	got, err := extractortest.ExtractFixture(t, New(), "testdata", "docker-compose.yml")
	extractortest.CheckResult(t, got, err, want, 0, "")
}

func TestBrokenFile(t *testing.T) {
	got, err := extractortest.ExtractFixture(t, New(), "testdata", "compose.yaml")
	if len(got) != 0 {
		t.Errorf("items from a file that does not parse: %v", got)
	}
	if line := extractortest.ErrorLine(err); line != 8 {
		t.Errorf("error %v at line %d, want 8", err, line)
	}
}

func TestShortPort(t *testing.T) {
	tests := map[string]port{
		"80":                      {target: "80"},
		"8080:80":                 {published: "8080", target: "80"},
		"8000-8005:8000-8005/udp": {published: "8000-8005", target: "8000-8005", protocol: "udp"},
		"0.0.0.0:53:53/udp": {hostIP: "0.0.0.0", published: "53", target: "53",
			protocol: "udp"},
		"127.0.0.1::80":            {hostIP: "127.0.0.1", target: "80"},
		"[2001:db8::1]:443:8443":   {hostIP: "[2001:db8::1]", published: "443", target: "8443"},
		"::1:443:8443":             {hostIP: "::1", published: "443", target: "8443"},
		"${IP:-127.0.0.1}:${P}:80": {hostIP: "${IP:-127.0.0.1}", published: "${P}", target: "80"},
	}
	for in, want := range tests {
		if got := shortPort(in); got != want {
			t.Errorf("shortPort(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestPortExposure(t *testing.T) {
	tests := map[string]extractors.Exposure{
		"": extractors.ExposurePublic, "0.0.0.0": extractors.ExposurePublic,
		"[::]": extractors.ExposurePublic, "127.0.0.1": extractors.ExposureInternal,
		"127.0.1.1": extractors.ExposureInternal, "[::1]": extractors.ExposureInternal,
		"localhost": extractors.ExposureInternal, "192.168.1.10": extractors.ExposureUnknown,
		"${BIND_IP}": extractors.ExposureUnknown,
	}
	for ip, want := range tests {
		if got := (port{hostIP: ip}).exposure(); got != want {
			t.Errorf("exposure of %q = %s, want %s", ip, got, want)
		}
	}
}
