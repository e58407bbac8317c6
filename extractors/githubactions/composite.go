package githubactions

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/rhysd/actionlint"

	"github.com/tms-dev/tms/extractors"
)

// compositeJob stands for the steps of a composite action in item ids: they
// run inside whichever job uses the action.
const compositeJob = "runs"

// extractComposite reads an action.yml. Only composite actions run steps of
// their own; JavaScript and Docker actions are not this extractor's, and
// yield nothing.
func extractComposite(f extractors.File) ([]extractors.Item, error) {
	if !bytes.Contains(f.Content, []byte("composite")) {
		return nil, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(f.Content, &doc); err != nil {
		return nil, yamlError(err, lineCount(f.Content))
	}

	runs := lookup(&doc, "runs")
	if !strings.EqualFold(scalar(lookup(runs, "using")), "composite") {
		return nil, nil
	}
	steps := resolve(lookup(runs, "steps"))
	if steps == nil || steps.Kind != yaml.SequenceNode {
		return nil, nil
	}

	items := compositeItems(f.Path, runs, steps)
	sortItems(items)
	return items, nil
}

func compositeItems(p string, runs, steps *yaml.Node) []extractors.Item {
	jobID := "ci.job:" + p + "#" + compositeJob
	var uses []*actionlint.String
	facts := stepFacts{lines: extractors.FactLines{}}
	for _, step := range steps.Content {
		if u := lookup(step, "uses"); u != nil {
			uses = append(uses, &actionlint.String{
				Value: scalar(u), Pos: &actionlint.Pos{Line: u.Line, Col: u.Column},
			})
		}
		facts.addStep(step)
	}

	var secrets []string
	for _, s := range scalars(steps) {
		for _, name := range stringSecrets(stringField{value: s}) {
			if !slices.Contains(secrets, name) {
				secrets = append(secrets, name)
			}
		}
	}

	job := extractors.Item{
		ID:       jobID,
		Kind:     "ci.job",
		Name:     "steps of composite action " + p,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"workflow":              "",
			"runs_on":               []any{},
			"self_hosted":           false,
			"permissions":           "inherited",
			"writes":                true,
			"secrets":               toAny(sortedCopy(secrets)),
			"inherits_secrets":      false,
			"untrusted_expressions": toAny(sortedCopy(facts.untrusted)),
			"checks_out_pr_head":    facts.checksOutHead,
		},
		Location: extractors.Location{Path: p, Line: max(runs.Line, 1)},
	}
	facts.record(job.Attributes)
	return append(actionItems(p, compositeJob, jobID, uses, false), job)
}

// addStep records what one composite step reveals, as scanSteps does for a
// workflow job.
func (f *stepFacts) addStep(step *yaml.Node) {
	with := lookup(step, "with")
	inputs := map[string]string{}
	for _, key := range []string{"ref", "repository", "script", "run-id", "run_id", "github-token"} {
		inputs[key] = scalar(lookup(with, key))
	}
	if run := lookup(step, "run"); run != nil {
		script := scalar(run)
		f.addUntrusted(untrustedExpressions(script), run.Line)
		f.addHeadCheckout(fetchesPullRequest(script), run.Line)
		if scriptDownloadsRunArtifacts(script) {
			f.addRunArtifactStep(stepLabel(scalar(lookup(step, "name")), "", script), run.Line)
		}
	}

	usesNode := lookup(step, "uses")
	uses := strings.ToLower(scalar(usesNode))
	if downloadsRunArtifacts(uses, inputs) {
		label := stepLabel(scalar(lookup(step, "name")), scalar(usesNode), "")
		f.addRunArtifactStep(label, nodeLine(usesNode))
	}
	if strings.HasPrefix(uses, "actions/github-script@") {
		f.addUntrusted(untrustedExpressions(inputs["script"]), nodeLine(lookup(with, "script")))
	}
	if strings.HasPrefix(uses, "actions/checkout@") {
		key := headRefInput(inputs)
		f.addHeadCheckout(key != "", nodeLine(lookup(with, key)))
	}
}

// nodeLine is the line of a node, 0 for an absent one.
func nodeLine(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	return n.Line
}

// resolve follows aliases and unwraps the document node.
func resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && depth < 32; depth++ {
		switch n.Kind {
		case yaml.AliasNode:
			n = n.Alias
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		default:
			return n
		}
	}
	return nil
}

// lookup returns the value of key in a mapping, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return resolve(n.Content[i+1])
		}
	}
	return nil
}

func scalar(n *yaml.Node) string {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// scalars lists every scalar under n, each node visited once, so that
// aliases cannot make the walk grow without bound.
func scalars(n *yaml.Node) []string {
	var out []string
	seen := map[*yaml.Node]bool{}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		n = resolve(n)
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.Kind == yaml.ScalarNode {
			out = append(out, n.Value)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return out
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlError keeps the line yaml.v3 names in its message.
func yamlError(err error, lines int) error {
	line := 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line = n
		}
	}
	return extractors.AtLine(min(max(line, 1), lines), fmt.Errorf("parse action metadata: %w", err))
}
