package kubernetes

import (
	"encoding/json"
	"testing"

	"github.com/tms-dev/tms/extractors"
)

func fmtItem(it extractors.Item) string {
	data, _ := json.Marshal(it)
	return string(data)
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"deploy/app.yaml": true, "k8s/app.YML": true, "list.json": true,
		"overlays/prod/kustomization.yaml": false, "base/Kustomization.yml": false,
		"charts/app/Chart.yaml": false, "Dockerfile": false, "app.yaml.bak": false,
		"charts/app/values.yaml": true,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestList(t *testing.T) {
	checkItems(t, "list.json", []extractors.Item{
		workload("list.json", 5, "data", "StatefulSet", "db", map[string]any{
			"labels": map[string]any{"app": "db"},
			"images": []any{image("db", "mysql:8", "8", "")},
			"lines":  map[string]any{"run_as_root": 12, "images": []any{12}},
		}),
		service("list.json", 16, "data", "db", extractors.ExposureInternal, map[string]any{
			"headless": true, "selector": map[string]any{"app": "db"},
			"ports": []any{port(3306, "TCP", 3306)},
		}),
	}, 0)
}

// A broken document is reported at its line and the others are still read;
// an object without a name is a second problem, reported at its own line.
func TestBrokenDocument(t *testing.T) {
	checkItems(t, "broken.yaml", []extractors.Item{
		service("broken.yaml", 1, "default", "first", extractors.ExposureInternal, nil),
		service("broken.yaml", 14, "default", "last", extractors.ExposureInternal, nil),
	}, 12)
	_, err := extract(t, "broken.yaml")
	want := "line 12: parse yaml: did not find expected ',' or '}'\nline 18: Pod has no metadata.name"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestFilesThatAreNotManifests(t *testing.T) {
	for _, p := range []string{"workflow.yaml", "chart/templates/deployment.yaml"} {
		checkItems(t, p, nil, 0)
	}
	// A templates directory without a Chart.yaml beside it is plain manifests.
	checkItems(t, "plain/templates/job.yaml", []extractors.Item{
		workload("plain/templates/job.yaml", 1, "default", "Job", "seed", map[string]any{
			"images": []any{image("seed", "seed:1", "1", "")},
			"lines":  map[string]any{"run_as_root": 7, "images": []any{7}},
		}),
	}, 0)
}

// countingRepo counts reads; as a slice it also cannot be a map key.
type countingRepo []int

func (c countingRepo) ReadFile(p string) ([]byte, error) {
	c[0]++
	if p == "charts/app/Chart.yaml" {
		return []byte("apiVersion: v2\n"), nil
	}
	return nil, extractors.ErrNotInInventory
}

// repoByPointer is a comparable repository that counts reads.
type repoByPointer struct{ reads int }

func (r *repoByPointer) ReadFile(p string) ([]byte, error) {
	r.reads++
	if p == "charts/app/Chart.yaml" {
		return []byte("apiVersion: v2\n"), nil
	}
	return nil, extractors.ErrNotInInventory
}

func TestChartTemplatesAreSkippedWithOneReadPerChart(t *testing.T) {
	x := New()
	content := []byte("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n")
	repo := &repoByPointer{}
	for _, p := range []string{"charts/app/templates/a.yaml", "charts/app/templates/sub/b.yaml"} {
		items, err := x.Extract(extractors.File{Path: p, Content: content}, repo)
		if items != nil || err != nil {
			t.Errorf("%s: got %v, %v", p, items, err)
		}
	}
	if repo.reads != 1 {
		t.Errorf("read Chart.yaml %d times, want once", repo.reads)
	}

	uncacheable := countingRepo{0}
	template := extractors.File{Path: "charts/app/templates/a.yaml", Content: content}
	items, _ := x.Extract(template, uncacheable)
	if items != nil || uncacheable[0] != 1 {
		t.Errorf("uncacheable repository: %v after %d reads", items, uncacheable[0])
	}
}
