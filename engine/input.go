package engine

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/builtin"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// SchemaVersion is the version of the input document's shape.
const SchemaVersion = 1

// Input is the one document every rule reads as `input`. Its JSON Schema is
// engine/schema/input.schema.json and docs/input.md explains each field.
type Input struct {
	SchemaVersion int                  `json:"schema_version"`
	Repo          RepoFacts            `json:"repo"`
	Surface       []extractors.Item    `json:"surface"`
	Model         *threatmodel.Model   `json:"model"`
	Coverage      map[string]*Coverage `json:"coverage"`
	Config        RunConfig            `json:"config"`
	Base          *BaseFacts           `json:"base"` // nil unless run with --base
	// Excluded counts the files each exclude glob left out of the walk. Rules
	// do not read it; the report lists it where it hides surface from an
	// organisation bundle's rules.
	Excluded []extractors.Exclusion `json:"-"`
	// Skipped counts, per tool folder the walk skips (vendor, .tox, ...),
	// the tracked files there an extractor would have read; reported like
	// Excluded.
	Skipped []extractors.Exclusion `json:"-"`
}

// BaseFacts is the repository as it was where a change started (the merge
// base of --base and HEAD), so rules can tell what the change introduces.
type BaseFacts struct {
	Commit  string             `json:"commit"`
	Surface []extractors.Item  `json:"surface"`
	Model   *threatmodel.Model `json:"model"`

	// Coverage is the base model's coverage of the base surface, so that a
	// rule compares what globs match rather than how they are written.
	Coverage map[string]*Coverage `json:"coverage"`
}

// RepoFacts describes the repository as it stands.
type RepoFacts struct {
	Root        string                  `json:"root"`
	Commit      string                  `json:"commit"`
	Files       []extractors.FileInfo   `json:"files"`
	Evidence    map[string][]string     `json:"evidence"`
	Diagnostics []extractors.Diagnostic `json:"diagnostics"`
}

// RunConfig is the part of the configuration that rules may read.
type RunConfig struct {
	Today            string   `json:"today"`
	FailOn           Severity `json:"fail_on"`
	WarnOn           Severity `json:"warn_on"`
	FailOnNewSurface bool     `json:"fail_on_new_surface"`
	// MaxAcceptanceDays is how far after today an acceptance may expire, so
	// that a rule catches a date tms accept would have refused.
	MaxAcceptanceDays int `json:"max_acceptance_days"`
}

// Scan is what one walk of a repository found.
type Scan struct {
	Root   string
	Commit string
	*extractors.Result
}

// ScanRepo walks dir once with the built-in extractors. Each file it could not
// read completely is also a warning on log, so that a user sees why surface is
// missing without opening the report.
func ScanRepo(ctx context.Context, dir string, cfg Config, log *slog.Logger) (*Scan, error) {
	scan, err := walkRepo(ctx, dir, cfg, log, false)
	if err != nil {
		return nil, err
	}
	warnDiagnostics(log, scan.Diagnostics)
	return scan, nil
}

// walkRepo is ScanRepo without the warnings, for the merge base of a pull
// request: its diagnostics are the head's again, or ones the change removed.
// gitTree says that dir was written from a git tree, so that every file in
// it counts as tracked.
func walkRepo(ctx context.Context, dir string, cfg Config, log *slog.Logger,
	gitTree bool) (*Scan, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	res, err := extractors.Walk(ctx, abs, extractors.Options{
		Extractors:  withProgress(ctx, builtin.All()),
		Exclude:     cfg.excludeGlobs(),
		MaxFileSize: cfg.MaxFileSize,
		Logger:      log,
		GitTree:     gitTree,
	})
	if err != nil {
		return nil, err
	}
	return &Scan{Root: filepath.Base(abs), Commit: headCommit(abs), Result: res}, nil
}

// warnDiagnostics logs the diagnostics in the order the walk sorted them.
func warnDiagnostics(log *slog.Logger, diags []extractors.Diagnostic) {
	if log == nil {
		return
	}
	for _, d := range diags {
		log.Warn("file not read completely; its surface may be missing",
			"path", d.Location.Path, "line", d.Location.Line,
			"extractor", d.Extractor, "reason", d.Message)
	}
}

// NewInput joins a scan and a model into the policy input for the given day.
// It fills in each item's security fingerprint.
func NewInput(scan *Scan, model *threatmodel.Model, cfg Config, today time.Time) *Input {
	for i := range scan.Items {
		scan.Items[i].Fingerprint = scan.Items[i].SecurityFingerprint()
	}
	return &Input{
		SchemaVersion: SchemaVersion,
		Repo: RepoFacts{
			Root:        scan.Root,
			Commit:      scan.Commit,
			Files:       nonNil(scan.Files),
			Evidence:    evidenceIndex(model, scan.Files),
			Diagnostics: nonNil(scan.Diagnostics),
		},
		Surface:  nonNil(scan.Items),
		Excluded: scan.Excluded,
		Skipped:  scan.Skipped,
		Model:    model,
		Coverage: coverageIndex(model, scan.Items),
		Config: RunConfig{
			Today:             today.UTC().Format(time.DateOnly),
			FailOn:            cfg.FailOn,
			WarnOn:            cfg.WarnOn,
			FailOnNewSurface:  cfg.FailOnNewSurface,
			MaxAcceptanceDays: cfg.MaxAcceptanceDays,
		},
	}
}

// nonNil keeps empty lists as [] in JSON, which is what rules and the schema
// expect.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
