package engine

import (
	"fmt"
	"io"
	"strings"
)

// GitHub Actions reads workflow commands from a step's standard output:
// `::error file=F,line=N,title=T::message` becomes an annotation on F.
var githubCommands = map[Action]string{
	ActionBlock: "error",
	ActionWarn:  "warning",
	ActionInfo:  "notice",
}

// writeGitHub prints one annotation per finding, then a notice on the run
// naming the bundles that judged it and their overrides, if any, then the
// summary line for the log. A finding without a file is annotated on the run
// itself. Paths are from the root of the checkout, where the runner looks.
func writeGitHub(w io.Writer, r Report, o ReportOptions) error {
	var b strings.Builder
	for _, f := range r.Findings {
		var props []string
		if f.Location.Path != "" {
			props = append(props, "file="+escapeGitHubProperty(o.checkoutPath(f.Location.Path)))
			if f.Location.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Location.Line))
			}
		}
		title := fmt.Sprintf("%s %s (%s)", f.Rule, f.Title, f.Severity)
		props = append(props, "title="+escapeGitHubProperty(title))
		message := f.Message + "\nfix: " + f.Remediation
		fmt.Fprintf(&b, "::%s %s::%s\n", githubCommands[f.Action], strings.Join(props, ","),
			escapeGitHubData(message))
	}
	writeGitHubBundles(&b, r.Summary)
	b.WriteString(summaryLine(r))
	_, err := io.WriteString(w, b.String())
	return err
}

// writeGitHubBundles puts every bundle and override in one notice, so the
// run's annotations show who judged it and what the repository weakened.
func writeGitHubBundles(b *strings.Builder, s Summary) {
	var lines []string
	for _, n := range bundleNotes(s) {
		lines = append(lines, n.String())
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(b, "::notice title=tms policy bundles::%s\n",
		escapeGitHubData(strings.Join(lines, "\n")))
}

// escapeGitHubData escapes a command's message the way the runner unescapes
// it, so a line break in repository text cannot start a command of its own.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty also escapes the separators of the property list.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").
		Replace(s)
}
