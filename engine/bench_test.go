package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

var benchDay = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// fixtureSurface is what the built-in extractors find in the fixture
// repositories and the quick start's example, read from their golden
// files: every kind of item, with real attributes, in the proportions real
// repositories have (dependencies and routes first, then cloud resources,
// CI, workloads, images, API operations, ...).
func fixtureSurface(tb testing.TB) []extractors.Item {
	tb.Helper()
	paths, err := filepath.Glob("../testdata/repos/*.surface.json")
	if err != nil {
		tb.Fatal(err)
	}
	var items []extractors.Item
	for _, path := range append(paths, "../testdata/example.surface.json") {
		data, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		var golden struct {
			Items []extractors.Item `json:"items"`
		}
		if err := json.Unmarshal(data, &golden); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		// Each repository gets its own folder, so ids stay unique.
		folder := strings.TrimSuffix(filepath.Base(path), ".surface.json") + "/"
		items = append(items, allUnderFolder(golden.Items, folder)...)
	}
	return items
}

// allUnderFolder moves items as underFolder does.
func allUnderFolder(items []extractors.Item, prefix string) []extractors.Item {
	ids := make(map[string]bool, len(items))
	for _, item := range items {
		ids[item.ID] = true
	}
	moved := make([]extractors.Item, len(items))
	for i, item := range items {
		moved[i] = underFolder(item, prefix, ids)
	}
	return moved
}

// syntheticInput builds an input of n surface items, copies of the
// fixtures' surface each under its own folder (a monorepo of many
// services), and a model of about n/5 entries: a seventh of the items
// acknowledged, threats on each kind of surface of each copy, mitigations
// that name a control tms checks (some with evidence that is gone), and
// acceptances of threats and of surface. At 10,000 items the model has
// about 2,000 entries.
func syntheticInput(tb testing.TB, n int) *Input {
	tb.Helper()
	source := fixtureSurface(tb)
	items := make([]extractors.Item, 0, n)
	for copyIndex := 0; len(items) < n; copyIndex++ {
		prefix := fmt.Sprintf("copy%03d/", copyIndex)
		items = append(items, allUnderFolder(source[:min(len(source), n-len(items))], prefix)...)
	}

	model := benchModel(items)
	scan := &Scan{Root: "bench", Result: &extractors.Result{Items: items, Files: filesOf(items)}}
	return NewInput(scan, model, DefaultConfig(), benchDay)
}

// underFolder copies an item as if its files sat under prefix: its id,
// location, and any attribute that names one of the source ids (a CI
// action names its job) move with it.
func underFolder(item extractors.Item, prefix string, ids map[string]bool) extractors.Item {
	item.ID = prefixedID(item.ID, prefix)
	item.Location.Path = prefix + item.Location.Path
	item.Attributes = prefixedIDs(item.Attributes, prefix, ids).(map[string]any)
	return item
}

// prefixedID puts prefix before the path part of an id ("kind:path#name").
func prefixedID(id, prefix string) string {
	kind, rest, _ := strings.Cut(id, ":")
	return kind + ":" + prefix + rest
}

func prefixedIDs(value any, prefix string, ids map[string]bool) any {
	switch v := value.(type) {
	case string:
		if ids[v] {
			return prefixedID(v, prefix)
		}
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = prefixedIDs(e, prefix, ids)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = prefixedIDs(e, prefix, ids)
		}
		return out
	}
	return value
}

func filesOf(items []extractors.Item) []extractors.FileInfo {
	seen := map[string]bool{}
	var files []extractors.FileInfo
	for _, item := range items {
		if !seen[item.Location.Path] {
			seen[item.Location.Path] = true
			files = append(files, extractors.FileInfo{Path: item.Location.Path, Size: 100})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// benchControls pairs each control tms checks with the kind of surface it
// is checked on.
var benchControls = []struct{ control, kind string }{
	{"authentication", "api.operation"},
	{"tls", "k8s.ingress"},
	{"network-policy", "k8s.workload"},
	{"non-root", "container.image"},
	{"encryption", "terraform.resource"},
	{"waf", "terraform.resource"},
}

var benchStride = []string{
	"spoofing", "tampering", "repudiation",
	"information_disclosure", "denial_of_service", "elevation_of_privilege",
}

// benchModel writes the model a team would keep for the items: a seventh
// of them acknowledged, then, per copy of the fixtures and per control,
// a threat on that kind of surface answered in turn by a mitigation, an
// acceptance, or nothing.
func benchModel(items []extractors.Item) *threatmodel.Model {
	model := threatmodel.New()
	firstFile := map[string]string{} // folder -> a file in it, for evidence
	for i, item := range items {
		folder, _, _ := strings.Cut(item.Location.Path, "/")
		if _, ok := firstFile[folder]; !ok {
			firstFile[folder] = item.Location.Path
		}
		if i%7 == 0 {
			status := "unreviewed"
			if i%14 == 0 {
				status = "reviewed"
			}
			model.Surface = append(model.Surface, threatmodel.SurfaceEntry{
				ID: item.ID, Kind: item.Kind, Status: status, Exposure: string(item.Exposure),
			})
		}
		if i%97 == 0 {
			model.Acceptances = append(model.Acceptances, threatmodel.Acceptance{
				ID: fmt.Sprintf("A-S%d", i), Surface: item.ID, Reason: "r",
				ApprovedBy: "alice", Expires: "2099-01-01",
			})
		}
	}

	folders := make([]string, 0, len(firstFile))
	for folder := range firstFile {
		folders = append(folders, folder)
	}
	sort.Strings(folders)
	for i := range len(folders) * 20 {
		folder := folders[i%len(folders)]
		addThreat(model, i, folder, firstFile[folder])
	}
	return model
}

// addThreat adds threat i on one kind of the folder's surface, answered by
// a mitigation whose evidence is file (or, for some, a file that is gone),
// by an acceptance, or by nothing.
func addThreat(m *threatmodel.Model, i int, folder, file string) {
	control := benchControls[i%len(benchControls)]
	glob := fmt.Sprintf("%s:%s/**", control.kind, folder)
	threat := fmt.Sprintf("T-%d", i)
	status := "reviewed"
	if i%4 == 0 {
		status = "unreviewed"
	}
	m.Threats = append(m.Threats, threatmodel.Threat{
		ID: threat, Title: "threat", Stride: []string{benchStride[i%len(benchStride)]},
		Severity: "high", AppliesTo: []string{glob}, Status: status,
	})
	switch i % 3 {
	case 0:
		evidence := file
		if i%5 == 0 {
			evidence = folder + "/gone.go"
		}
		m.Mitigations = append(m.Mitigations, threatmodel.Mitigation{
			ID: "M-" + threat, Title: "control", Mitigates: []string{threat},
			Covers: []string{glob}, Evidence: []string{evidence},
			Status: "implemented", Control: control.control,
		})
	case 1:
		m.Acceptances = append(m.Acceptances, threatmodel.Acceptance{
			ID: "A-" + threat, Threat: threat, Reason: "r", ApprovedBy: "alice", Expires: "2099-01-01",
		})
	}
}

func TestSyntheticInputMixesEveryKind(t *testing.T) {
	in := syntheticInput(t, 10_000)
	if len(in.Surface) != 10_000 {
		t.Fatalf("%d items, want 10000", len(in.Surface))
	}
	kinds := map[string]bool{}
	for _, item := range in.Surface {
		kinds[item.Kind] = true
	}
	for _, kind := range []string{"k8s.workload", "k8s.service", "terraform.resource", "ci.job",
		"ci.action", "api.operation", "dependency", "http.route", "helm.dependency", "graphql.field"} {
		if !kinds[kind] {
			t.Errorf("no %s item", kind)
		}
	}
	model := in.Model
	entries := len(model.Surface) + len(model.Threats) + len(model.Mitigations) + len(model.Acceptances)
	if entries < 1_800 || entries > 2_400 {
		t.Errorf("model has %d entries, want about 2,000", entries)
	}
}

// BenchmarkEvaluate measures one policy evaluation, the cost tms adds to CI
// after extraction, at growing input sizes. Compilation is done once outside
// the loop, as in a real run.
func BenchmarkEvaluate(b *testing.B) {
	eng, err := New(context.Background(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1_000, 10_000} {
		in := syntheticInput(b, n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			benchEvaluate(b, eng, in)
		})

		// Pull-request mode (--base) compares the model with one of the same
		// size at the merge base, as a change to a large monorepo does.
		change := *in
		change.Base = &BaseFacts{Commit: "base", Surface: in.Surface, Model: in.Model, Coverage: in.Coverage}
		b.Run(fmt.Sprintf("items=%d/base", n), func(b *testing.B) {
			benchEvaluate(b, eng, &change)
		})
	}
}

func benchEvaluate(b *testing.B, eng *Engine, in *Input) {
	for b.Loop() {
		if _, err := eng.Evaluate(context.Background(), in, DefaultConfig().Timeout); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile measures compiling the policy library with the input
// schema, paid once per run.
func BenchmarkCompile(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
