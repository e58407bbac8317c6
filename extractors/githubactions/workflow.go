package githubactions

import (
	"slices"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/tms-dev/tms/extractors"
)

// workflowReader turns one parsed workflow into surface items.
type workflowReader struct {
	path string
	wf   *actionlint.Workflow
	id   string
}

func newWorkflowReader(p string, wf *actionlint.Workflow) *workflowReader {
	return &workflowReader{path: p, wf: wf, id: "ci.workflow:" + p}
}

func (r *workflowReader) items() []extractors.Item {
	jobs := r.sortedJobs()

	writes := false
	var items []extractors.Item
	for _, job := range jobs {
		jr := newJobReader(r, job)
		writes = writes || jr.writes()
		items = append(items, jr.item())
		items = append(items, jr.actions()...)
	}
	if len(jobs) == 0 {
		writes = permissionsWrite(r.wf.Permissions)
	}
	return append(items, r.workflow(writes))
}

// workflow describes the file as a whole. Its exposure is unknown: whoever
// can raise one of its events can start it, and the repository does not say
// who that is.
func (r *workflowReader) workflow(writes bool) extractors.Item {
	triggers := r.triggers()
	return extractors.Item{
		ID:       r.id,
		Kind:     "ci.workflow",
		Name:     "workflow " + r.path,
		Exposure: extractors.ExposureUnknown,
		Attributes: map[string]any{
			"triggers":            toAny(triggers),
			"pull_request_target": slices.Contains(triggers, "pull_request_target"),
			"workflow_run":        slices.Contains(triggers, "workflow_run"),
			"permissions":         permissionsValue(r.wf.Permissions, "default"),
			"writes":              writes,
		},
		Location: extractors.Location{Path: r.path, Line: r.triggerLine()},
	}
}

func (r *workflowReader) triggers() []string {
	var names []string
	for _, ev := range r.wf.On {
		name := strings.ToLower(ev.EventName())
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// triggerLine is the line of the first event the workflow runs on, or the
// first line when the file names none.
func (r *workflowReader) triggerLine() int {
	line := 0
	for _, ev := range r.wf.On {
		if p := eventPos(ev); p != nil && (line == 0 || p.Line < line) {
			line = p.Line
		}
	}
	return max(line, 1)
}

func eventPos(ev actionlint.Event) *actionlint.Pos {
	switch ev := ev.(type) {
	case *actionlint.WebhookEvent:
		return ev.Pos
	case *actionlint.ScheduledEvent:
		return ev.Pos
	case *actionlint.WorkflowDispatchEvent:
		return ev.Pos
	case *actionlint.RepositoryDispatchEvent:
		return ev.Pos
	case *actionlint.WorkflowCallEvent:
		return ev.Pos
	case *actionlint.ImageVersionEvent:
		return ev.Pos
	}
	return nil
}

func (r *workflowReader) sortedJobs() []*actionlint.Job {
	jobs := make([]*actionlint.Job, 0, len(r.wf.Jobs))
	for _, j := range r.wf.Jobs {
		if j != nil && j.ID != nil {
			jobs = append(jobs, j)
		}
	}
	slices.SortFunc(jobs, func(a, b *actionlint.Job) int {
		return strings.Compare(a.ID.Value, b.ID.Value)
	})
	return jobs
}

// permissionsValue renders a permissions block the way the workflow wrote
// it: write-all or read-all, or a map of scope to access. absent names what
// applies when the block is missing.
func permissionsValue(p *actionlint.Permissions, absent string) any {
	switch {
	case p == nil:
		return absent
	case p.All != nil:
		return strings.ToLower(p.All.Value)
	}
	scopes := map[string]any{}
	for name, scope := range p.Scopes {
		access := ""
		if scope.Value != nil {
			access = strings.ToLower(scope.Value.Value)
		}
		scopes[name] = access
	}
	return scopes
}

// permissionsWrite reports whether a token with these permissions may write.
// A missing block gives the repository's default token, which may be
// write-all; anything tms cannot read counts as write, as unknown exposure
// counts as public.
func permissionsWrite(p *actionlint.Permissions) bool {
	switch {
	case p == nil:
		return true
	case p.All != nil:
		return strings.ToLower(p.All.Value) != "read-all"
	}
	for _, scope := range p.Scopes {
		if scope.Value == nil {
			return true
		}
		switch strings.ToLower(scope.Value.Value) {
		case "read", "none":
		default:
			return true
		}
	}
	return false
}

func toAny(ss []string) []any {
	out := make([]any, 0, len(ss))
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}
