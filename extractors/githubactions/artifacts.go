package githubactions

import "strings"

// A workflow_run job runs with the base repository's secrets and token, but
// the artifacts of the run that triggered it were built by that run, which a
// fork's pull request starts: whoever wrote the pull request chose their
// contents. A step that fetches them brings the pull request's files into
// the privileged job as surely as checking out its head would.

// triggeringRunID is the expression by which a step names the run that
// triggered the workflow_run event.
const triggeringRunID = "workflow_run.id"

// downloadsRunArtifacts reports whether an action step downloads the
// triggering run's artifacts. actions/download-artifact reads another run
// only when it is given a token as well as the run id; the older
// dawidd6/action-download-artifact needs only the id.
func downloadsRunArtifacts(uses string, inputs map[string]string) bool {
	names := func(key string) bool {
		return strings.Contains(strings.ToLower(inputs[key]), triggeringRunID)
	}
	switch {
	case strings.HasPrefix(uses, "actions/download-artifact@"):
		return names("run-id") && strings.TrimSpace(inputs["github-token"]) != ""
	case strings.HasPrefix(uses, "dawidd6/action-download-artifact@"):
		return names("run_id")
	case strings.HasPrefix(uses, "actions/github-script@"):
		script := strings.ToLower(inputs["script"])
		return strings.Contains(script, "downloadartifact") && strings.Contains(script, triggeringRunID)
	}
	return false
}

// scriptDownloadsRunArtifacts catches a run: script that downloads them
// with the GitHub CLI.
func scriptDownloadsRunArtifacts(script string) bool {
	lower := strings.ToLower(script)
	return strings.Contains(lower, "gh run download") && strings.Contains(lower, triggeringRunID)
}

// stepLabel names a step in a finding: by its name when it has one, else by
// what it uses or, for a script, by its first line.
func stepLabel(name, uses, script string) string {
	if name = strings.TrimSpace(name); name != "" {
		return name
	}
	if uses != "" {
		return uses
	}
	first, _, _ := strings.Cut(strings.TrimSpace(script), "\n")
	return first
}
