package engine

import (
	"context"
	"sync/atomic"

	"github.com/tms-dev/tms/extractors"
)

// ScanProgress counts the files the scans of a run have found, for a caller
// that shows a person how far along a long scan is. It is safe for
// concurrent use.
type ScanProgress struct {
	files atomic.Int64
}

// Files is how many files the scans have found so far.
func (p *ScanProgress) Files() int64 {
	return p.files.Load()
}

type progressKey struct{}

// WithScanProgress returns a context whose scans count their files in p.
// The count travels in the context because one run scans more than once
// (the head, and the merge base in pull-request mode) through calls that
// have no other place for it.
func WithScanProgress(ctx context.Context, p *ScanProgress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// withProgress adds a counting probe to the extractors when ctx carries a
// ScanProgress.
func withProgress(ctx context.Context, xs []extractors.Extractor) []extractors.Extractor {
	p, ok := ctx.Value(progressKey{}).(*ScanProgress)
	if !ok || p == nil {
		return xs
	}
	return append(xs, progressProbe{p})
}

// progressProbe is an extractor that reads nothing: the walk asks every
// extractor whether it wants each file it finds, so the probe counts each
// file once and declines it.
type progressProbe struct{ p *ScanProgress }

func (progressProbe) Name() string { return "progress" }

func (probe progressProbe) Match(string) bool {
	probe.p.files.Add(1)
	return false
}

func (progressProbe) Extract(extractors.File, extractors.Repo) ([]extractors.Item, error) {
	return nil, nil
}
