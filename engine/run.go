package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// ErrNoModel is returned by LoadModel when the repository has no threat model.
var ErrNoModel = errors.New("no threat model")

// ModelPath returns the model file to use: the given path if any, else
// threat-model.yaml in repo, or threat-model.json when only that exists.
func ModelPath(repo, given string) string {
	if given != "" {
		return given
	}
	yamlPath := filepath.Join(repo, "threat-model.yaml")
	jsonPath := filepath.Join(repo, "threat-model.json")
	if _, err := os.Stat(yamlPath); err != nil {
		if _, err := os.Stat(jsonPath); err == nil {
			return jsonPath
		}
	}
	return yamlPath
}

// LoadModel reads the threat model, telling a user without one what to do.
func LoadModel(path string) (*threatmodel.Model, error) {
	m, err := threatmodel.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s: run `tms init` to write a baseline, then commit it",
			ErrNoModel, path)
	}
	return m, err
}

// Request is what a run reads: a repository, its model and its settings.
type Request struct {
	Repo      string
	ModelPath string
	Config    Config
	Today     time.Time
	Logger    *slog.Logger
	Base      string // a git ref: judge only what changed since its merge base with HEAD

	// EmptyModelIfMissing reads a missing model as an empty one, with a
	// warning, for commands that show the input rather than judge it.
	EmptyModelIfMissing bool
}

// BuildInput loads the model and scans the repository into the policy input.
// The model is read first: without one there is nothing to compare.
func BuildInput(ctx context.Context, req Request) (*Input, error) {
	model, err := LoadModel(req.ModelPath)
	if errors.Is(err, ErrNoModel) && req.EmptyModelIfMissing {
		if req.Logger != nil {
			req.Logger.Warn("no threat model yet: the input holds an empty one", "model", req.ModelPath)
		}
		model, err = threatmodel.New(), nil
	}
	if err != nil {
		return nil, err
	}
	scan, err := ScanRepo(ctx, req.Repo, req.Config, req.Logger)
	if err != nil {
		return nil, err
	}
	relocate(model, repoRelative(req.Repo, req.ModelPath))
	if err := checkGlobs(model, scan.Items); err != nil {
		return nil, err
	}
	return NewInput(scan, model, req.Config, req.Today), nil
}

// repoRelative names the model file as the repository sees it, so findings in
// the model and in code use the same kind of path. A model kept outside the
// repository keeps the path it was given.
func repoRelative(repo, path string) string {
	absRepo, err1 := filepath.Abs(repo)
	absPath, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(absRepo, absPath)
	if err != nil || !filepath.IsLocal(rel) {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

func relocate(m *threatmodel.Model, path string) {
	for i := range m.Surface {
		m.Surface[i].Location.Path = path
	}
	for i := range m.Threats {
		m.Threats[i].Location.Path = path
	}
	for i := range m.Mitigations {
		m.Mitigations[i].Location.Path = path
	}
	for i := range m.Acceptances {
		m.Acceptances[i].Location.Path = path
	}
}

// Evaluate runs the whole pipeline on a request: input, policies, decision.
// With a base ref, the repository at the merge base is evaluated too, and
// only the findings it did not have decide the run; the others are kept
// apart as pre-existing, for the formats that compare with the base
// themselves. Findings that a valid acceptance hid are kept as suppressed.
func Evaluate(ctx context.Context, req Request) (Report, error) {
	in, baseIn, err := BuildInputs(ctx, req)
	if err != nil {
		return Report{}, err
	}
	eng, err := NewFromConfig(ctx, req.Config)
	if err != nil {
		return Report{}, err
	}

	findings, err := eng.Evaluate(ctx, in, req.Config.Timeout)
	if err != nil {
		return Report{}, err
	}
	accepted, err := eng.acceptedFindings(ctx, req.Config, in, findings)
	if err != nil {
		return Report{}, err
	}
	var preexisting []Finding
	if baseIn != nil {
		var seen map[findingKey]bool
		if findings, preexisting, seen, err = eng.newSince(ctx, findings, baseIn,
			req.Config.Timeout); err != nil {
			return Report{}, err
		}
		markBaseline(accepted, seen, baseIn.Model)
	}
	kept, suppressed, overrides := eng.settle(req.Config, findings)
	report := Decide(kept, eng.thresholds(req.Config), in, len(eng.rules))
	report.Summary.Suppressed = suppressed
	report.Suppressed = eng.suppressed(req.Config, slices.Concat(findings, preexisting))
	report.Suppressed = append(report.Suppressed, accepted...)
	SortFindings(report.Suppressed)
	report.Preexisting = eng.preexisting(req.Config, preexisting)
	if report.NewSurface, err = eng.newSurface(ctx, report.Findings, in); err != nil {
		return Report{}, err
	}
	markSurfaceChanges(report.NewSurface, in)
	report.Summary.Bundles = eng.BundleInfos()
	report.Summary.Overrides = eng.reportOverrides(req.Config, overrides, report.Findings, in)
	report.Summary.Preexisting = len(preexisting)
	return report, nil
}

// BuildInputs builds the input, and with a base ref also the input of the
// merge base, which it records in the first as input.base.
func BuildInputs(ctx context.Context, req Request) (head, base *Input, err error) {
	if head, err = BuildInput(ctx, req); err != nil || req.Base == "" {
		return head, nil, err
	}
	base, err = buildBaseInput(ctx, req, head)
	return head, base, err
}

// buildBaseInput extracts the repository at the merge base into a temporary
// directory, reads the model as it was there (an empty one if there was
// none), and records both in the head input.
func buildBaseInput(ctx context.Context, req Request, head *Input) (*Input, error) {
	dir, err := os.MkdirTemp("", "tms-base-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	commit, err := checkoutBase(req.Repo, req.Base, dir, req.Config.MaxFileSize)
	if err != nil {
		return nil, err
	}
	scan, err := walkRepo(ctx, dir, req.Config, req.Logger, true)
	if err != nil {
		return nil, err
	}
	scan.Root, scan.Commit = head.Repo.Root, commit

	model := baseModel(dir, repoRelative(req.Repo, req.ModelPath), req.Logger)
	base := NewInput(scan, model, req.Config, req.Today)
	head.Base = &BaseFacts{Commit: commit, Surface: base.Surface, Model: base.Model,
		Coverage: base.Coverage}
	return base, nil
}

func baseModel(dir, rel string, log *slog.Logger) *threatmodel.Model {
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return threatmodel.New()
	}
	m, err := threatmodel.Load(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && log != nil {
			log.Warn("the threat model at the merge base does not load; comparing with an empty one",
				"error", err)
		}
		return threatmodel.New()
	}
	relocate(m, rel)
	return m
}

// timeBased are the rules whose findings come from the passing of time, not
// from a change: an acceptance that expired is reported on the base as well,
// since the base is judged with today's date, so dropping it as pre-existing
// would let every pull request pass until someone ran tms on main.
var timeBased = map[string]bool{"TMS-ACCEPT-001": true}

// newSince splits the findings into those the change introduces and those
// the base already had, matched by what they say rather than by line, since
// lines move in any change, and marks each with its baseline state.
// Time-based findings are always new. It also returns what the base had.
func (e *Engine) newSince(ctx context.Context, findings []Finding, base *Input,
	timeout time.Duration) (fresh, old []Finding, seen map[findingKey]bool, err error) {
	before, err := e.Evaluate(ctx, base, timeout)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("evaluate the merge base: %w", err)
	}
	seen = findingKeys(before)
	for _, f := range findings {
		if timeBased[f.Rule] || !seen[keyOf(f)] {
			f.Baseline = BaselineNew
			fresh = append(fresh, f)
		} else {
			f.Baseline = BaselineUnchanged
			old = append(old, f)
		}
	}
	return fresh, old, seen, nil
}

// PolicySources opens directories of team rules.
func PolicySources(dirs []string) ([]PolicySource, error) {
	var sources []PolicySource
	for _, dir := range dirs {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("policy directory: %w", err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("policy directory %s: not a directory", dir)
		}
		sources = append(sources, PolicySource{Dir: filepath.ToSlash(dir), FS: os.DirFS(dir)})
	}
	return sources, nil
}

// NewFromConfig compiles the library with the team rules and data that the
// configuration names, and checks that its rule settings name real rules.
func NewFromConfig(ctx context.Context, cfg Config) (*Engine, error) {
	sources, err := PolicySources(cfg.Policies)
	if err != nil {
		return nil, err
	}
	eng, err := New(ctx, Options{Policies: sources, Data: cfg.Data, Bundles: cfg.LoadedBundles})
	if err != nil {
		return nil, err
	}
	if err := cfg.checkRuleIDs(eng.rules); err != nil {
		return nil, err
	}
	if err := eng.checkBundleSettings(cfg); err != nil {
		return nil, err
	}
	if err := eng.checkExcludeReasons(cfg); err != nil {
		return nil, err
	}
	return eng, nil
}
