package engine

import (
	"fmt"
	"io"
	"slices"
)

// GitLab's Code Quality report is a JSON array of issues that a merge request
// shows in its widget and diff. GitLab requires a description, a check name, a
// fingerprint, a severity and a file with a line on every issue.

type codeQualityIssue struct {
	Type        string              `json:"type"`
	CheckName   string              `json:"check_name"`
	Description string              `json:"description"`
	Content     codeQualityContent  `json:"content"`
	Categories  []string            `json:"categories"`
	Severity    string              `json:"severity"`
	Fingerprint string              `json:"fingerprint"`
	Location    codeQualityLocation `json:"location"`
	EngineName  string              `json:"engine_name"`
}

type codeQualityContent struct {
	Body string `json:"body"`
}

type codeQualityLocation struct {
	Path  string           `json:"path"`
	Lines codeQualityLines `json:"lines"`
}

type codeQualityLines struct {
	Begin int `json:"begin"`
}

// codeQualitySeverities maps tms severities onto GitLab's five.
var codeQualitySeverities = map[Severity]string{
	SeverityInfo:     "info",
	SeverityLow:      "minor",
	SeverityMedium:   "major",
	SeverityHigh:     "critical",
	SeverityCritical: "blocker",
}

// writeCodeQuality lists every finding of the head, the merge base's too in
// pull-request mode: GitLab compares with the base branch's report itself,
// and would show a finding left out here as resolved.
func writeCodeQuality(w io.Writer, r Report, o ReportOptions) error {
	issues := make([]codeQualityIssue, 0, len(r.Findings)+len(r.Preexisting))
	for _, f := range slices.Concat(r.Findings, r.Preexisting) {
		path, line := o.anchor(f)
		issues = append(issues, codeQualityIssue{
			Type:        "issue",
			CheckName:   f.Rule,
			Description: fmt.Sprintf("%s: %s", f.Title, f.Message),
			Content:     codeQualityContent{Body: "Fix: " + f.Remediation},
			Categories:  []string{"Security"},
			Severity:    codeQualitySeverities[f.Severity],
			Fingerprint: o.fingerprint(f),
			Location:    codeQualityLocation{Path: path, Lines: codeQualityLines{Begin: line}},
			EngineName:  "tms",
		})
	}
	return writeJSON(w, issues)
}
