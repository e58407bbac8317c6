package githubactions

import (
	"slices"
	"strings"

	"github.com/rhysd/actionlint"

	"github.com/tms-dev/tms/extractors"
)

// jobReader describes one job of a workflow.
type jobReader struct {
	wr  *workflowReader
	job *actionlint.Job
	id  string
}

func newJobReader(wr *workflowReader, job *actionlint.Job) *jobReader {
	return &jobReader{wr: wr, job: job, id: "ci.job:" + wr.path + "#" + job.ID.Value}
}

// writes reports whether the job's token may write: its own permissions
// when it sets them, else the workflow's.
func (jr *jobReader) writes() bool {
	if jr.job.Permissions != nil {
		return permissionsWrite(jr.job.Permissions)
	}
	return permissionsWrite(jr.wr.wf.Permissions)
}

func (jr *jobReader) item() extractors.Item {
	labels, selfHosted := runner(jr.job)
	facts := scanSteps(jr.job.Steps)
	secrets := jr.secrets()
	item := extractors.Item{
		ID:       jr.id,
		Kind:     "ci.job",
		Name:     "job " + jr.job.ID.Value + " of " + jr.wr.path,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"workflow":              jr.wr.id,
			"runs_on":               toAny(labels),
			"self_hosted":           selfHosted,
			"permissions":           permissionsValue(jr.job.Permissions, "inherited"),
			"writes":                jr.writes(),
			"secrets":               toAny(secrets),
			"inherits_secrets":      jr.job.WorkflowCall != nil && jr.job.WorkflowCall.InheritSecrets,
			"untrusted_expressions": toAny(facts.untrusted),
			"checks_out_pr_head":    facts.checksOutHead,
		},
		Location: extractors.Location{Path: jr.wr.path, Line: posLine(jr.job.Pos)},
	}
	facts.recordRunArtifacts(item.Attributes)
	return item
}

// secrets lists the secrets the job's steps can read: those its own
// expressions name and those the workflow puts in every job's environment.
func (jr *jobReader) secrets() []string {
	var names []string
	add := func(found []string) {
		for _, n := range found {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	for _, s := range collectStrings(jr.wr.wf.Env) {
		add(stringSecrets(s))
	}
	for _, s := range collectStrings(jr.job) {
		add(stringSecrets(s))
	}
	slices.Sort(names)
	return names
}

func stringSecrets(s stringField) []string {
	exprs := embeddedExpressions(s.value)
	if s.condition {
		exprs = conditionExpression(s.value)
	}
	var names []string
	for _, e := range exprs {
		names = append(names, secretNames(e)...)
	}
	return names
}

// stepFacts are what a job's steps reveal about its risk.
type stepFacts struct {
	untrusted     []string
	checksOutHead bool
	// runArtifactSteps name, in order, the steps that download the
	// artifacts of the run that triggered a workflow_run event.
	runArtifactSteps []string
}

func scanSteps(steps []*actionlint.Step) stepFacts {
	var f stepFacts
	for _, step := range steps {
		if step == nil {
			continue
		}
		switch exec := step.Exec.(type) {
		case *actionlint.ExecRun:
			script := stringValue(exec.Run)
			f.addUntrusted(untrustedExpressions(script))
			f.checksOutHead = f.checksOutHead || fetchesPullRequest(script)
			if scriptDownloadsRunArtifacts(script) {
				f.addRunArtifactStep(stepLabel(stringValue(step.Name), "", script))
			}
		case *actionlint.ExecAction:
			uses := strings.ToLower(stringValue(exec.Uses))
			inputs := actionInputs(exec)
			if downloadsRunArtifacts(uses, inputs) {
				f.addRunArtifactStep(stepLabel(stringValue(step.Name), stringValue(exec.Uses), ""))
			}
			if strings.HasPrefix(uses, "actions/github-script@") {
				f.addUntrusted(untrustedExpressions(inputs["script"]))
			}
			if strings.HasPrefix(uses, "actions/checkout@") {
				f.checksOutHead = f.checksOutHead || checksOutHead(inputs)
			}
		}
	}
	slices.Sort(f.untrusted)
	return f
}

// recordRunArtifacts adds run_artifact_steps to a job's attributes when
// there are such steps. Jobs without them carry no attribute, so that the
// fingerprint of every job reviewed before tms looked for these steps stays
// as it was, and only a job that gains one asks for a new review.
func (f *stepFacts) recordRunArtifacts(attrs map[string]any) {
	if len(f.runArtifactSteps) > 0 {
		attrs["run_artifact_steps"] = toAny(f.runArtifactSteps)
	}
}

func (f *stepFacts) addRunArtifactStep(label string) {
	if !slices.Contains(f.runArtifactSteps, label) {
		f.runArtifactSteps = append(f.runArtifactSteps, label)
	}
}

func (f *stepFacts) addUntrusted(texts []string) {
	for _, t := range texts {
		if !slices.Contains(f.untrusted, t) {
			f.untrusted = append(f.untrusted, t)
		}
	}
}

func actionInputs(exec *actionlint.ExecAction) map[string]string {
	inputs := map[string]string{}
	for name, in := range exec.Inputs {
		if in != nil {
			inputs[strings.ToLower(name)] = stringValue(in.Value)
		}
	}
	return inputs
}

// headRefMarkers appear in a checkout's ref or repository when it fetches
// the code of a pull request or of the run that triggered a workflow_run.
var headRefMarkers = []string{
	"pull_request.head.", "head_ref", "workflow_run.head_", "refs/pull/",
	"merge_commit_sha", "github.event.number",
}

func checksOutHead(inputs map[string]string) bool {
	for _, key := range []string{"ref", "repository"} {
		value := strings.ToLower(inputs[key])
		for _, marker := range headRefMarkers {
			if strings.Contains(value, marker) {
				return true
			}
		}
	}
	return false
}

// fetchesPullRequest catches scripts that check out a pull request by hand.
func fetchesPullRequest(script string) bool {
	lower := strings.ToLower(script)
	return strings.Contains(lower, "gh pr checkout") || strings.Contains(lower, "refs/pull/")
}

func stringValue(s *actionlint.String) string {
	if s == nil {
		return ""
	}
	return s.Value
}

func posLine(p *actionlint.Pos) int {
	if p == nil {
		return 1
	}
	return max(p.Line, 1)
}
