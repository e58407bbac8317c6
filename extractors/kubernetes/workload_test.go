package kubernetes

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
)

func TestWorkloads(t *testing.T) {
	const digest = "sha256:4b3c6a1e9f0d2c8b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"
	checkItems(t, "workloads.yaml", []extractors.Item{
		workload("workloads.yaml", 2, "tools", "Pod", "node-shell", map[string]any{
			"labels":            map[string]any{"app": "node-shell"},
			"images":            []any{image("shell", "alpine", "", "")},
			"privileged":        true,
			"host_network":      true,
			"host_pid":          true,
			"host_path_volumes": []any{"/"},
			"lines": map[string]any{"host_network": 9, "host_pid": 10, "run_as_root": 12,
				"privileged": 15, "host_path_volumes": 18, "images": []any{13}},
		}),
		workload("workloads.yaml", 23, "default", "Deployment", "api", map[string]any{
			"labels": map[string]any{"app": "api", "tier": "backend"},
			"images": []any{
				image("migrate", "registry.example.com/api-migrate:2.1.0", "2.1.0", ""),
				image("api", "registry.example.com/api@"+digest, "", digest),
			},
			"run_as_root":                     false,
			"allow_privilege_escalation":      false,
			"capabilities_added":              []any{"NET_ADMIN", "NET_BIND_SERVICE"},
			"service_account":                 "api",
			"automount_service_account_token": false,
			"host_ports":                      []any{8080},
			// The image: line of each container, in the order of images.
			"lines": map[string]any{
				"host_ports": 48, "capabilities_added": 52, "images": []any{40, 45},
			},
		}),
		workload("workloads.yaml", 55, "ops", "CronJob", "backup", map[string]any{
			"images":             []any{image("backup", "postgres:16", "16", "")},
			"capabilities_added": []any{"NET_ADMIN", "SYS_ADMIN"},
			"lines": map[string]any{
				"run_as_root": 71, "capabilities_added": 72, "images": []any{69},
			},
		}),
	}, 0)
}

func TestWorkloadThroughAnchorsAndMergeKeys(t *testing.T) {
	checkItems(t, "anchors.yaml", []extractors.Item{
		workload("anchors.yaml", 1, "logging", "DaemonSet", "log-agent", map[string]any{
			"labels": map[string]any{"app": "log-agent"},
			"images": []any{
				image("agent", "fluent/fluent-bit:latest", "latest", ""),
				image("sidecar", "busybox", "", ""),
			},
			"privileged":        true,
			"host_path_volumes": []any{"/var/log", "/var/run/docker.sock"},
			// Merged keys are at the line of the anchored mapping.
			"lines": map[string]any{
				"run_as_root": 17, "privileged": 24, "host_path_volumes": 27,
				"images": []any{15, 21},
			},
		}),
	}, 0)
}

func TestRunsAsRoot(t *testing.T) {
	tests := []struct {
		name           string
		container, pod string
		want           bool
	}{
		{"nothing set", "{}", "{}", true},
		{"pod non-root", "{}", "{runAsNonRoot: true}", false},
		{"pod user", "{}", "{runAsUser: 1000}", false},
		{"container root user beats pod non-root", "{runAsUser: 0}", "{runAsNonRoot: true}", true},
		{"container user beats pod root user", "{runAsUser: 1001}", "{runAsUser: 0}", false},
		{"container non-root false beats pod", "{runAsNonRoot: false}", "{runAsNonRoot: true}",
			true},
		{"explicit root with non-root", "{runAsUser: 0, runAsNonRoot: true}", "{}", true},
		{"quoted user is not a number", `{runAsUser: "1000"}`, "{}", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := runsAsRoot(node(t, tt.container), node(t, tt.pod)); got != tt.want {
				t.Errorf("runsAsRoot(%s, %s) = %v, want %v", tt.container, tt.pod, got, tt.want)
			}
		})
	}
}
