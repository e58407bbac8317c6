package engine

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

var benchDay = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// syntheticInput builds an input of n surface items and a model of about n/5
// entries (a tenth of the items acknowledged, threats, mitigations and
// acceptances in proportion), so the benchmark exercises every rule; at
// 10,000 items the model has about 2,000 entries.
func syntheticInput(n int) *Input {
	model := threatmodel.New()
	items := make([]extractors.Item, 0, n)
	files := make([]extractors.FileInfo, 0, n)
	for i := range n {
		path := fmt.Sprintf("svc%04d/Dockerfile", i)
		item := extractors.Item{
			ID:         fmt.Sprintf("container.port:%s#%d/tcp", path, 8000+i%100),
			Kind:       "container.port",
			Name:       path,
			Exposure:   extractors.ExposureUnknown,
			Attributes: map[string]any{"port": 8000 + i%100, "protocol": "tcp"},
			Location:   extractors.Location{Path: path, Line: 3},
		}
		items = append(items, item)
		files = append(files, extractors.FileInfo{Path: path, Size: 100})
		if i%10 == 0 {
			model.Surface = append(model.Surface, threatmodel.SurfaceEntry{
				ID: item.ID, Kind: item.Kind, Status: "unreviewed",
			})
		}
	}
	for i := range n / 20 {
		addThreat(model, i)
	}
	scan := &Scan{Root: "bench", Result: &extractors.Result{Items: items, Files: files}}
	return NewInput(scan, model, DefaultConfig(), benchDay)
}

func addThreat(m *threatmodel.Model, i int) {
	threat := fmt.Sprintf("T-%d", i)
	m.Threats = append(m.Threats, threatmodel.Threat{
		ID: threat, Title: "threat", Stride: []string{"spoofing"}, Severity: "high",
		AppliesTo: []string{"container.port:*"}, Status: "reviewed",
	})
	switch i % 3 {
	case 0:
		m.Mitigations = append(m.Mitigations, threatmodel.Mitigation{
			ID: "M-" + threat, Title: "control", Mitigates: []string{threat},
			Covers: []string{"*"}, Evidence: []string{fmt.Sprintf("svc%04d/Dockerfile", i)},
			Status: "implemented",
		})
	case 1:
		m.Acceptances = append(m.Acceptances, threatmodel.Acceptance{
			ID: "A-" + threat, Threat: threat, Reason: "r", ApprovedBy: "alice", Expires: "2099-01-01",
		})
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
		in := syntheticInput(n)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := eng.Evaluate(context.Background(), in, DefaultConfig().Timeout); err != nil {
					b.Fatal(err)
				}
			}
		})
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
