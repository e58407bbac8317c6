package githubactions

import (
	"strings"

	"github.com/rhysd/actionlint"
)

// githubHostedPrefixes start the labels of the runners GitHub hosts.
var githubHostedPrefixes = []string{"ubuntu-", "windows-", "macos-"}

// runner returns the runs-on labels as written and whether the job may run
// on a machine the repository's owners host. Only labels known to be
// GitHub-hosted count as not self-hosted: a custom label, a runner group or
// a value tms cannot resolve may all name a self-hosted machine.
func runner(job *actionlint.Job) ([]string, bool) {
	r := job.RunsOn
	if r == nil {
		return []string{}, false
	}

	labels := []string{}
	for _, l := range r.Labels {
		labels = append(labels, stringValue(l))
	}
	if r.LabelsExpr != nil {
		labels = append(labels, r.LabelsExpr.Value)
	}
	if r.Group != nil {
		labels = append(labels, "group:"+r.Group.Value)
		return labels, true
	}

	candidates := resolveMatrix(labels, job.Strategy)
	if len(candidates) == 0 {
		return labels, true
	}
	for _, label := range candidates {
		if !githubHosted(label) {
			return labels, true
		}
	}
	return labels, false
}

func githubHosted(label string) bool {
	lower := strings.ToLower(label)
	for _, prefix := range githubHostedPrefixes {
		if strings.HasPrefix(lower, prefix) {
			return true
		}
	}
	return false
}

// resolveMatrix replaces a label that is exactly ${{ matrix.NAME }} with the
// values the matrix gives NAME. It returns nil when a value is itself
// computed, since tms cannot know it.
func resolveMatrix(labels []string, strategy *actionlint.Strategy) []string {
	var out []string
	for _, label := range labels {
		if !strings.Contains(label, "${{") {
			out = append(out, label)
			continue
		}
		values := matrixValues(label, strategy)
		if len(values) == 0 {
			return nil
		}
		out = append(out, values...)
	}
	return out
}

func matrixValues(label string, strategy *actionlint.Strategy) []string {
	exprs := embeddedExpressions(label)
	if len(exprs) != 1 || strategy == nil || strategy.Matrix == nil {
		return nil
	}
	segs, ok := accessPath(exprs[0].node)
	trimmed := strings.TrimSpace(label)
	if !ok || len(segs) != 2 || segs[0] != "matrix" || !strings.HasPrefix(trimmed, "${{") ||
		!strings.HasSuffix(trimmed, "}}") {
		return nil
	}

	m := strategy.Matrix
	if m.Expression != nil {
		return nil
	}
	var values []string
	if row, ok := m.Rows[segs[1]]; ok {
		if row.Expression != nil {
			return nil
		}
		for _, v := range row.Values {
			s, ok := v.(*actionlint.RawYAMLString)
			if !ok {
				return nil
			}
			values = append(values, s.Value)
		}
	}
	return append(values, includedValues(m.Include, segs[1])...)
}

// includedValues are the values matrix include entries give a name. An
// include that cannot be read yields an empty string, which no GitHub-hosted
// label starts with.
func includedValues(inc *actionlint.MatrixCombinations, name string) []string {
	if inc == nil {
		return nil
	}
	if inc.Expression != nil {
		return []string{""}
	}
	var values []string
	for _, c := range inc.Combinations {
		if c == nil || c.Expression != nil {
			values = append(values, "")
			continue
		}
		if a, ok := c.Assigns[name]; ok {
			s, _ := a.Value.(*actionlint.RawYAMLString)
			if s == nil {
				values = append(values, "")
				continue
			}
			values = append(values, s.Value)
		}
	}
	return values
}
