package githubactions

import (
	"slices"
	"strings"

	"github.com/rhysd/actionlint"
)

// workflowRunInputs are fields of a workflow_run event that the triggering
// run's author controls. actionlint's list covers the other events.
var workflowRunInputs = actionlint.NewUntrustedInputMap("github",
	actionlint.NewUntrustedInputMap("event",
		actionlint.NewUntrustedInputMap("workflow_run",
			actionlint.NewUntrustedInputMap("head_branch"),
			actionlint.NewUntrustedInputMap("display_title"),
			actionlint.NewUntrustedInputMap("head_commit",
				actionlint.NewUntrustedInputMap("message"),
				actionlint.NewUntrustedInputMap("author"),
			),
			actionlint.NewUntrustedInputMap("pull_requests",
				actionlint.NewUntrustedInputMap("*",
					actionlint.NewUntrustedInputMap("head",
						actionlint.NewUntrustedInputMap("ref"),
					),
				),
			),
		),
	),
)

// untrustedTrees are the search trees of context data an outsider can set.
var untrustedTrees = []*actionlint.UntrustedInputMap{
	actionlint.BuiltinUntrustedInputs["github"],
	workflowRunInputs,
}

// untrusted reports whether a path reads data an outsider controls: it
// reaches a leaf of a tree, or stops above one, as toJSON(github.event)
// does, and so carries the leaf's text with it.
func untrusted(segs []string) bool {
	for _, tree := range untrustedTrees {
		if matchTree(tree, segs) {
			return true
		}
	}
	return false
}

func matchTree(node *actionlint.UntrustedInputMap, segs []string) bool {
	if len(segs) == 0 || segs[0] != node.Name {
		return false
	}
	for _, seg := range segs[1:] {
		if node.Children == nil {
			return true
		}
		next, ok := node.Children[seg]
		if !ok {
			next, ok = node.Children["*"]
		}
		if !ok {
			return false
		}
		node = next
	}
	return true
}

// untrustedExpressions lists the texts of the expressions in s that put
// outsider-controlled data into the string unfiltered.
func untrustedExpressions(s string) []string {
	var out []string
	for _, e := range embeddedExpressions(s) {
		if e.node == nil {
			if mentionsEventData(e.text) {
				out = append(out, e.text)
			}
			continue
		}
		for _, p := range contextPaths(e.node) {
			if !p.safe && untrusted(p.segments) {
				out = append(out, e.text)
				break
			}
		}
	}
	return out
}

// mentionsEventData is the fallback for an expression tms cannot parse: it
// is suspect when it names event data at all.
func mentionsEventData(text string) bool {
	lower := strings.ToLower(text)
	return strings.Contains(lower, "github.event") || strings.Contains(lower, "github.head_ref")
}

// secretNames lists the secrets an expression reads, upper-cased as GitHub
// stores them. A secret chosen at run time, or the whole secrets context,
// is recorded as "*".
func secretNames(e expression) []string {
	if e.node == nil {
		if strings.Contains(strings.ToLower(e.text), "secrets") {
			return []string{"*"}
		}
		return nil
	}
	var names []string
	for _, p := range contextPaths(e.node) {
		if p.segments[0] != "secrets" {
			continue
		}
		name := "*"
		if len(p.segments) > 1 {
			name = strings.ToUpper(p.segments[1])
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}
