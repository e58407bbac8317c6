package githubactions

import (
	"regexp"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/tms-dev/tms/extractors"
)

// actionRef is a uses: value split into what policies ask about.
type actionRef struct {
	name     string // owner/repo[/path], docker://image or ./path
	ref      string // tag, branch, SHA or image digest; empty for a local action
	pinned   bool
	docker   bool
	local    bool
	reusable bool // a reusable workflow called by a job
}

var fullSHA = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)

// parseUses reads `owner/repo[/path]@ref`, `docker://image[:tag|@digest]`
// or `./path`. A local action is pinned by the repository's own commit; a
// docker image only by a digest; a repository action only by a full SHA,
// since tags and branches move.
func parseUses(uses string) actionRef {
	uses = strings.TrimSpace(uses)
	switch {
	case strings.HasPrefix(uses, "./"):
		return actionRef{name: uses, pinned: true, local: true}
	case strings.HasPrefix(strings.ToLower(uses), "docker://"):
		return parseDocker(uses[len("docker://"):])
	}
	name, ref, _ := strings.Cut(uses, "@")
	return actionRef{
		name:   strings.ToLower(name),
		ref:    ref,
		pinned: fullSHA.MatchString(ref),
	}
}

func parseDocker(image string) actionRef {
	a := actionRef{docker: true}
	if name, digest, ok := strings.Cut(image, "@"); ok {
		image, a.ref = name, digest
		a.pinned = strings.HasPrefix(digest, "sha256:") && len(digest) == len("sha256:")+64
	}
	if i := strings.LastIndexByte(image, ':'); i > strings.LastIndexByte(image, '/') {
		if a.ref == "" {
			a.ref = image[i+1:]
		}
		image = image[:i]
	}
	a.name = "docker://" + image
	return a
}

// firstParty is true for actions GitHub publishes itself.
func (a actionRef) firstParty() bool {
	owner, _, _ := strings.Cut(a.name, "/")
	return !a.docker && !a.local && (owner == "actions" || owner == "github")
}

// actionItems lists each action used under job, once. When one action is
// used at several refs, the item describes the least pinned use.
func actionItems(
	p, job, jobID string, uses []*actionlint.String, reusable bool,
) []extractors.Item {
	var items []extractors.Item
	index := map[string]int{}
	for _, u := range uses {
		if u == nil || strings.TrimSpace(u.Value) == "" {
			continue
		}
		a := parseUses(u.Value)
		a.reusable = reusable
		it := actionItem(p, job, jobID, a, posLine(u.Pos))
		i, seen := index[it.ID]
		switch {
		case !seen:
			index[it.ID] = len(items)
			items = append(items, it)
		case items[i].Attributes["pinned"] == true && !a.pinned:
			items[i] = it
		}
	}
	return items
}

func actionItem(p, job, jobID string, a actionRef, line int) extractors.Item {
	return extractors.Item{
		ID:       "ci.action:" + p + "#" + job + "/" + a.name,
		Kind:     "ci.action",
		Name:     a.name + " in job " + job + " of " + p,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"job":         jobID,
			"action":      a.name,
			"ref":         a.ref,
			"pinned":      a.pinned,
			"first_party": a.firstParty(),
			"docker":      a.docker,
			"local":       a.local,
			"reusable":    a.reusable,
		},
		Location: extractors.Location{Path: p, Line: line},
	}
}

// actions lists the actions a workflow job runs, and the reusable workflow
// it calls, if any.
func (jr *jobReader) actions() []extractors.Item {
	var uses []*actionlint.String
	for _, step := range jr.job.Steps {
		if step == nil {
			continue
		}
		if exec, ok := step.Exec.(*actionlint.ExecAction); ok {
			uses = append(uses, exec.Uses)
		}
	}
	name := jr.job.ID.Value
	items := actionItems(jr.wr.path, name, jr.id, uses, false)
	if call := jr.job.WorkflowCall; call != nil {
		calls := actionItems(jr.wr.path, name, jr.id, []*actionlint.String{call.Uses}, true)
		items = append(items, calls...)
	}
	return items
}
