package compose

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// privileges reads what a service asks of the host: privileged mode, the
// host's namespaces, added capabilities, the user, and bind mounts, among
// which the Docker socket hands over the Docker daemon itself.
func privileges(svc *yaml.Node) map[string]any {
	binds := bindMounts(svc)
	socket := slices.ContainsFunc(binds, isDockerSocket)
	caps := yamlnode.Strings(yamlnode.Get(svc, "cap_add"))
	slices.Sort(caps)

	return map[string]any{
		"privileged":    yamlnode.IsTrue(yamlnode.Get(svc, "privileged")),
		"host_network":  yamlnode.Text(yamlnode.Get(svc, "network_mode")) == "host",
		"host_pid":      yamlnode.Text(yamlnode.Get(svc, "pid")) == "host",
		"host_ipc":      yamlnode.Text(yamlnode.Get(svc, "ipc")) == "host",
		"docker_socket": socket,
		"bind_mounts":   anyList(binds),
		"cap_add":       anyList(slices.Compact(caps)),
		"user":          yamlnode.Text(yamlnode.Get(svc, "user")),
	}
}

// bindMounts lists the host paths a service mounts. In the short syntax a
// source that is a path (absolute, relative, home or a variable) is a bind
// mount and a bare name is a named volume.
func bindMounts(svc *yaml.Node) []string {
	var out []string
	for _, v := range yamlnode.Items(yamlnode.Get(svc, "volumes")) {
		if s, ok := yamlnode.String(v); ok {
			source, _, hasTarget := strings.Cut(s, ":")
			if hasTarget && strings.ContainsAny(source[:min(len(source), 1)], "/.~$") {
				out = append(out, source)
			}
			continue
		}
		if yamlnode.Text(yamlnode.Get(v, "type")) == "bind" {
			out = append(out, yamlnode.Text(yamlnode.Get(v, "source")))
		}
	}
	return out
}

func isDockerSocket(source string) bool {
	return strings.HasSuffix(strings.TrimRight(source, "/"), "docker.sock")
}

func anyList(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}
