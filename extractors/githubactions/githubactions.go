package githubactions

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/tms-dev/tms/extractors"
)

// Extractor reads GitHub Actions workflows and composite action metadata.
// The zero value is ready to use and safe for concurrent use.
type Extractor struct{}

// New returns a GitHub Actions extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "githubactions" }

// Match implements extractors.Extractor. GitHub runs only the files directly
// in .github/workflows at the repository root; action metadata may live in
// any folder, since local actions are referenced by path.
func (*Extractor) Match(p string) bool {
	if isWorkflowPath(p) {
		return true
	}
	base := path.Base(p)
	return base == "action.yml" || base == "action.yaml"
}

func isWorkflowPath(p string) bool {
	dir, file := path.Split(p)
	ext := path.Ext(file)
	return dir == ".github/workflows/" && (ext == ".yml" || ext == ".yaml")
}

// Extract implements extractors.Extractor.
func (*Extractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	if !isWorkflowPath(f.Path) {
		return extractComposite(f)
	}

	wf, errs := actionlint.Parse(f.Content)
	problem := firstProblem(errs, lineCount(f.Content))
	if wf == nil {
		return nil, problem
	}

	items := newWorkflowReader(f.Path, wf).items()
	sortItems(items)
	return items, problem
}

// firstProblem turns the earliest parse error into a diagnostic. actionlint
// also complains about anchors a file defines but never uses, which GitHub
// accepts, so those are not problems.
func firstProblem(errs []*actionlint.Error, lines int) error {
	var first *actionlint.Error
	for _, e := range errs {
		if strings.Contains(e.Message, "is defined but not used") {
			continue
		}
		if first == nil || e.Line < first.Line {
			first = e
		}
	}
	if first == nil {
		return nil
	}
	line := min(max(first.Line, 1), lines)
	return extractors.AtLine(line, fmt.Errorf("parse workflow: %w", errors.New(first.Message)))
}

func lineCount(content []byte) int {
	return bytes.Count(content, []byte("\n")) + 1
}

func sortItems(items []extractors.Item) {
	slices.SortFunc(items, func(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) })
}

func sortedCopy(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out
}
