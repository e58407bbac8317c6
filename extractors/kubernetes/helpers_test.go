package kubernetes

import (
	"maps"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// node parses one YAML document.
func node(t *testing.T, in string) *yaml.Node {
	t.Helper()
	var probs yamlnode.Problems
	roots := yamlnode.Decode([]byte(in), &probs)
	if probs.Err() != nil || len(roots) != 1 {
		t.Fatalf("parse %q: %d documents, %v", in, len(roots), probs.Err())
	}
	return roots[0]
}

// extract runs the extractor on a fixture under testdata, which also serves
// as the repository.
func extract(t *testing.T, p string) ([]extractors.Item, error) {
	t.Helper()
	return extractortest.ExtractFixture(t, New(), "testdata", p)
}

// checkItems compares the items of a fixture and the line of its error.
func checkItems(t *testing.T, p string, want []extractors.Item, wantLine int) {
	t.Helper()
	t.Run(p, func(t *testing.T) {
		got, err := extract(t, p)
		extractortest.CheckResult(t, got, err, want, wantLine, "")
	})
}

// item builds an expected item: attrs are added to the defaults of its kind.
func item(kind, p string, line int, what, name string, exposure extractors.Exposure,
	defaults, attrs map[string]any) extractors.Item {
	all := map[string]any{}
	maps.Copy(all, defaults)
	maps.Copy(all, attrs)
	return extractors.Item{
		ID: kind + ":" + p + "#" + what, Kind: kind, Name: name, Exposure: exposure,
		Attributes: all, Location: extractors.Location{Path: p, Line: line},
	}
}

// workload expects a k8s.workload: attrs override what a pod that says
// nothing about its security gets.
func workload(p string, line int, ns, kind, name string, attrs map[string]any) extractors.Item {
	defaults := map[string]any{
		"kind": kind, "namespace": ns, "name": name, "labels": map[string]any{},
		"images": []any{}, "privileged": false, "host_network": false, "host_pid": false,
		"host_ipc": false, "host_path_volumes": []any{}, "run_as_root": true,
		"allow_privilege_escalation": true, "capabilities_added": []any{},
		"service_account": "default", "automount_service_account_token": true,
		"host_ports": []any{},
	}
	return item("k8s.workload", p, line, ns+"/"+kind+"/"+name, kind+" "+ns+"/"+name,
		extractors.ExposureUnknown, defaults, attrs)
}

func image(container, ref, tag, digest string) map[string]any {
	return map[string]any{"container": container, "image": ref, "tag": tag,
		"digest": digest, "pinned": digest != ""}
}

func service(p string, line int, ns, name string, exposure extractors.Exposure,
	attrs map[string]any) extractors.Item {
	defaults := map[string]any{
		"kind": "Service", "namespace": ns, "name": name, "type": "ClusterIP",
		"ports": []any{}, "selector": map[string]any{}, "headless": false,
		"external_ips": []any{}, "source_ranges": []any{},
	}
	return item("k8s.service", p, line, ns+"/"+name, "Service "+ns+"/"+name,
		exposure, defaults, attrs)
}

func port(number any, protocol string, target any) map[string]any {
	return map[string]any{"port": number, "protocol": protocol, "target_port": target}
}

func hosts(pairs ...any) []any {
	var out []any
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, map[string]any{"host": pairs[i], "tls": pairs[i+1]})
	}
	return out
}
