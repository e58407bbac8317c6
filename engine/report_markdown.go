package engine

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MarkdownMarker opens every Markdown report of a checkout's root, hidden
// when rendered, so a bot can find the comment it posted earlier and edit
// it instead of adding one.
const MarkdownMarker = "<!-- tms-report -->"

// markerPrefix opens every marker, the root's and a directory's.
const markerPrefix = "<!-- tms-report"

// MarkdownMarkerFor is the marker of the report of dir, a directory of the
// checkout: MarkdownMarker for the root ("" or "."), which comments posted
// before directories had markers carry, and the escaped directory inside
// it otherwise, e.g. <!-- tms-report:services/a -->. Reports of two
// directories on one pull request then keep a comment each. Escaping keeps
// --> and line breaks out of the comment.
func MarkdownMarkerFor(dir string) string {
	if dir == "" || dir == "." {
		return MarkdownMarker
	}
	return markerPrefix + ":" + EscapeLinkPath(dir) + " -->"
}

// ReportMarker returns the marker on the first line of a Markdown report,
// or "" when the report does not open with one.
func ReportMarker(report string) string {
	first, _, _ := strings.Cut(report, "\n")
	first = strings.TrimSuffix(first, "\r")
	if first == MarkdownMarker || strings.HasPrefix(first, markerPrefix+":") &&
		strings.HasSuffix(first, " -->") {
		return first
	}
	return ""
}

// markdownLimit is GitHub's limit on a comment body. It is counted here in
// bytes, which are never fewer than the characters GitHub counts.
const markdownLimit = 65536

// markdownCellLimit caps the text of one table cell, so that one enormous
// message cannot push every other finding out of the comment.
const markdownCellLimit = 1000

var decisionHeadings = map[Decision]string{
	DecisionBlock: "⛔ tms: blocked",
	DecisionWarn:  "⚠️ tms: passed with warnings",
	DecisionPass:  "✅ tms: passed",
}

func writeMarkdown(w io.Writer, r Report, o ReportOptions) error {
	_, err := io.WriteString(w, renderMarkdown(r, o, markdownLimit))
	return err
}

// renderMarkdown shows as many findings, most pressing first, as fit within
// limit bytes, and says how many it left out.
func renderMarkdown(r Report, o ReportOptions, limit int) string {
	doc := markdownDocument(r, o, len(r.Findings))
	if len(doc) <= limit {
		return doc
	}
	fits, tooMany := 0, len(r.Findings)
	for tooMany-fits > 1 {
		mid := (fits + tooMany) / 2
		if len(markdownDocument(r, o, mid)) <= limit {
			fits = mid
		} else {
			tooMany = mid
		}
	}
	return truncateUTF8(markdownDocument(r, o, fits), limit)
}

// markdownDocument renders the first shown findings: the decision, a table of
// what blocks or warns, the rest folded away, and each rule's fix once.
func markdownDocument(r Report, o ReportOptions, shown int) string {
	var b strings.Builder
	b.WriteString(MarkdownMarkerFor(o.PathPrefix) + "\n")
	fmt.Fprintf(&b, "### %s\n\n", decisionHeadings[r.Decision])
	b.WriteString(markdownSummary(r) + "\n")
	writeMarkdownBundles(&b, r.Summary)

	findings := r.Findings[:shown]
	var pressing, info []Finding
	for _, f := range findings {
		if f.Action == ActionInfo {
			info = append(info, f)
		} else {
			pressing = append(pressing, f)
		}
	}
	if len(pressing) > 0 {
		b.WriteString("\n")
		writeMarkdownTable(&b, pressing, o)
	}
	if len(info) > 0 {
		fmt.Fprintf(&b, "\n<details>\n<summary>%s</summary>\n\n", plural(len(info), "info finding"))
		writeMarkdownTable(&b, info, o)
		b.WriteString("\n</details>\n")
	}
	if left := len(r.Findings) - shown; left > 0 {
		fmt.Fprintf(&b, "\n> **%s not shown:** this comment would exceed GitHub's limit of "+
			"65,536 characters. The CI log and the SARIF report list every finding.\n",
			plural(left, "more finding"))
	}
	writeMarkdownNewSurface(&b, r.NewSurface)
	writeMarkdownFixes(&b, findings)
	return b.String()
}

func markdownSummary(r Report) string {
	s := r.Summary
	line := fmt.Sprintf("**%d blocking, %d warning, %d info.** "+
		"%d surface items (%d new, %d unreviewed), %d threats (%d unreviewed), %d rules.",
		s.Block, s.Warn, s.Info,
		s.Surface, s.NewSurface, s.UnreviewedSurface, s.Threats, s.UnreviewedThreats, s.Rules)
	if len(r.Findings) == 0 {
		line = fmt.Sprintf("No findings. %d surface items, %d threats, %d rules.",
			s.Surface, s.Threats, s.Rules)
	}
	// Say what the report leaves out, so a short report is not mistaken for a
	// clean repository.
	if s.Preexisting > 0 {
		line += fmt.Sprintf(" %s the base branch already had %s not listed.",
			plural(s.Preexisting, "finding"), agree(s.Preexisting, "is", "are"))
	}
	if s.Suppressed > 0 {
		line += fmt.Sprintf(" %s %s suppressed by the configuration.",
			plural(s.Suppressed, "finding"), agree(s.Suppressed, "was", "were"))
	}
	return line
}

// writeMarkdownBundles lists, under the summary, the bundles that judged
// the run and the repository's overrides of their rules. A bundle's
// reference and an override's reason come from the repository's own
// configuration, so they are escaped like any other repository text.
func writeMarkdownBundles(b *strings.Builder, s Summary) {
	notes := bundleNotes(s)
	if len(notes) == 0 {
		return
	}
	b.WriteString("\n")
	for _, n := range notes {
		fmt.Fprintf(b, "- %s\n", markdownText(n.String()))
	}
}

// agree picks the verb form that agrees with a count.
func agree(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func writeMarkdownTable(b *strings.Builder, findings []Finding, o ReportOptions) {
	b.WriteString("| | Rule | Severity | Location | Finding |\n")
	b.WriteString("| --- | --- | --- | --- | --- |\n")
	for _, f := range findings {
		fmt.Fprintf(b, "| %s | `%s` | %s | %s | %s |\n",
			markdownAction(f.Action), f.Rule, f.Severity, markdownLocation(f, o),
			markdownText(f.Message))
	}
}

func markdownAction(a Action) string {
	if a == ActionBlock {
		return "**block**"
	}
	return string(a)
}

// writeMarkdownFixes gives each rule's remediation once, in the order the
// rules first appear.
func writeMarkdownFixes(b *strings.Builder, findings []Finding) {
	seen := map[string]bool{}
	for _, f := range findings {
		if seen[f.Rule] {
			continue
		}
		if len(seen) == 0 {
			b.WriteString("\n#### How to fix\n\n")
		}
		seen[f.Rule] = true
		fmt.Fprintf(b, "- **`%s` %s:** %s\n", f.Rule, markdownText(f.Title),
			markdownText(f.Remediation))
	}
}

// markdownLocation links a finding to its file and line. Links are relative
// to the repository root unless the options give a base such as a blob URL.
func markdownLocation(f Finding, o ReportOptions) string {
	if f.Location.Path == "" {
		return "(repository)"
	}
	target := o.LinkBase
	if target != "" && !strings.HasSuffix(target, "/") {
		target += "/"
	}
	if target == "" {
		target = "./"
	}
	if o.LinkDir != "" {
		target += EscapeLinkPath(o.LinkDir) + "/"
	}
	target += EscapeLinkPath(f.Location.Path)
	if f.Location.Line > 0 {
		target += fmt.Sprintf("#L%d", f.Location.Line)
	}
	return fmt.Sprintf("[%s](%s)", markdownText(formatLocation(f)), target)
}

// EscapeLinkPath percent-encodes each segment of a slash-separated path for
// a link, keeping the slashes.
func EscapeLinkPath(path string) string {
	segments := strings.Split(path, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return strings.Join(segments, "/")
}

// markdownText makes repository-controlled text inert in a table cell: it
// cannot close the cell, start a link, image or HTML tag, hide the marker,
// or mention a user or team (npm scopes such as @types look like one).
// An @ gets a zero-width space after it only where GitHub would read a
// mention: at the start of the text or after a character that is neither
// a letter nor a digit.
func markdownText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > markdownCellLimit {
		s = truncateUTF8(s, markdownCellLimit) + "…"
	}
	var b strings.Builder
	previous := ' '
	for i, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case strings.ContainsRune("\\`*_[]|~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '@' && i+1 < len(s) && !isAlphanumeric(previous):
			b.WriteString("@\u200b")
		default:
			b.WriteRune(r)
		}
		previous = r
	}
	return b.String()
}

// isAlphanumeric reports whether r is a letter or digit. GitHub reads an
// @ as a mention only at the start of the text or after another character,
// so the @ of image@sha256:... or of an email address is left alone and
// copies as it was.
func isAlphanumeric(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
