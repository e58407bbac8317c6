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
	if selfHosted {
		facts.lines.Note("self_hosted", runnerLine(jr.job.RunsOn))
	}
	facts.record(item.Attributes)
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
	// lines holds, for each fact, the line of the first step that states
	// it: the run: script or the checkout input that names the head.
	lines extractors.FactLines
}

func scanSteps(steps []*actionlint.Step) stepFacts {
	f := stepFacts{lines: extractors.FactLines{}}
	for _, step := range steps {
		if step == nil {
			continue
		}
		switch exec := step.Exec.(type) {
		case *actionlint.ExecRun:
			script, line := stringValue(exec.Run), stringLine(exec.Run)
			f.addUntrusted(untrustedExpressions(script), line)
			f.addHeadCheckout(fetchesPullRequest(script), line)
			if scriptDownloadsRunArtifacts(script) {
				f.addRunArtifactStep(stepLabel(stringValue(step.Name), "", script), line)
			}
		case *actionlint.ExecAction:
			uses := strings.ToLower(stringValue(exec.Uses))
			inputs := actionInputs(exec)
			if downloadsRunArtifacts(uses, inputs) {
				label := stepLabel(stringValue(step.Name), stringValue(exec.Uses), "")
				f.addRunArtifactStep(label, stringLine(exec.Uses))
			}
			if strings.HasPrefix(uses, "actions/github-script@") {
				f.addUntrusted(untrustedExpressions(inputs["script"]), inputLine(exec, "script"))
			}
			if strings.HasPrefix(uses, "actions/checkout@") {
				key := headRefInput(inputs)
				f.addHeadCheckout(key != "", inputLine(exec, key))
			}
		}
	}
	slices.Sort(f.untrusted)
	return f
}

// record adds run_artifact_steps to a job's attributes when there are such
// steps, and the lines of the facts. Jobs without such steps carry no
// run_artifact_steps, so that the fingerprint of every job reviewed before
// tms looked for these steps stays as it was, and only a job that gains one
// asks for a new review.
func (f *stepFacts) record(attrs map[string]any) {
	if len(f.runArtifactSteps) > 0 {
		attrs["run_artifact_steps"] = toAny(f.runArtifactSteps)
	}
	f.lines.Fill(attrs)
}

func (f *stepFacts) addRunArtifactStep(label string, line int) {
	if !slices.Contains(f.runArtifactSteps, label) {
		f.runArtifactSteps = append(f.runArtifactSteps, label)
	}
	f.lines.Note("run_artifact_steps", line)
}

func (f *stepFacts) addUntrusted(texts []string, line int) {
	for _, t := range texts {
		if !slices.Contains(f.untrusted, t) {
			f.untrusted = append(f.untrusted, t)
		}
	}
	if len(texts) > 0 {
		f.lines.Note("untrusted_expressions", line)
	}
}

func (f *stepFacts) addHeadCheckout(checksOut bool, line int) {
	if checksOut {
		f.checksOutHead = true
		f.lines.Note("checks_out_pr_head", line)
	}
}

// inputLine is the line of an action input's value, 0 when it is absent.
func inputLine(exec *actionlint.ExecAction, key string) int {
	for name, in := range exec.Inputs {
		if in != nil && strings.EqualFold(name, key) {
			return stringLine(in.Value)
		}
	}
	return 0
}

// runnerLine is the line of the runs-on value that names the runner.
func runnerLine(r *actionlint.Runner) int {
	if r == nil {
		return 0
	}
	if r.Group != nil {
		return stringLine(r.Group)
	}
	if r.LabelsExpr != nil {
		return stringLine(r.LabelsExpr)
	}
	if len(r.Labels) > 0 {
		return stringLine(r.Labels[0])
	}
	return 0
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

// headRefInput names the checkout input, ref or repository, that fetches
// the head of a pull request, or is "" when neither does.
func headRefInput(inputs map[string]string) string {
	for _, key := range []string{"ref", "repository"} {
		value := strings.ToLower(inputs[key])
		for _, marker := range headRefMarkers {
			if strings.Contains(value, marker) {
				return key
			}
		}
	}
	return ""
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

// stringLine is the line of a string in the workflow, 0 when unknown.
func stringLine(s *actionlint.String) int {
	if s == nil || s.Pos == nil {
		return 0
	}
	return s.Pos.Line
}

func posLine(p *actionlint.Pos) int {
	if p == nil {
		return 1
	}
	return max(p.Line, 1)
}
