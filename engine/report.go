package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// Formats lists the report formats WriteReport accepts.
var Formats = []string{"text", "json", "sarif", "markdown", "github", "junit", "codequality"}

// DefaultModelFile is where findings without a file point when a format
// needs a file and ReportOptions names no model.
const DefaultModelFile = "threat-model.yaml"

// ReportOptions carry what some formats need beyond the report itself. The
// zero value is usable: it describes only the rules that fired.
type ReportOptions struct {
	// ToolVersion is the tms version that SARIF names as its tool driver.
	ToolVersion string
	// Rules is the catalog the run evaluated. SARIF and JUnit describe every
	// rule in it; a rule that fired but is missing is described from its
	// findings.
	Rules []Rule
	// Thresholds give SARIF each rule's default level; zero means the defaults.
	Thresholds Thresholds
	// ModelFile is the threat model as the repository names it. SARIF and Code
	// Quality require a file on every result, so findings without one point at
	// its first line.
	ModelFile string
	// PathPrefix is the evaluated directory relative to the checkout's root,
	// slash-separated, or empty when they are the same. SARIF, Code Quality,
	// GitHub annotations and JUnit place findings by path from the root of
	// the checkout, so their paths get it in front. The Markdown report names
	// it in its marker, so that the reports of two directories make two
	// comments.
	PathPrefix string
	// LinkBase prefixes the file links of the Markdown report, for example
	// https://github.com/org/repo/blob/<commit>/. Empty gives links relative to
	// the repository root.
	LinkBase string
	// LinkDir is the evaluated directory below LinkBase, slash-separated and
	// not escaped, or empty when LinkBase names it already. Links
	// percent-encode each of its segments, so that a directory named with a
	// space or a # still links.
	LinkDir string
	// Color marks the text report's actions and verdict with ANSI colours,
	// for a person at a terminal.
	Color bool
}

// WriteReport writes r to w in the named format with default options.
func WriteReport(w io.Writer, format string, r Report) error {
	return ReportOptions{}.Write(w, format, r)
}

// Write writes r to w in the named format.
func (o ReportOptions) Write(w io.Writer, format string, r Report) error {
	switch format {
	case "text":
		return writeText(w, r, o.Color)
	case "json":
		return writeJSON(w, r)
	case "sarif":
		return writeSARIF(w, r, o)
	case "markdown":
		return writeMarkdown(w, r, o)
	case "github":
		return writeGitHub(w, r, o)
	case "junit":
		return writeJUnit(w, r, o)
	case "codequality":
		return writeCodeQuality(w, r, o)
	}
	return fmt.Errorf("unknown format %q (expected one of %s)", format, strings.Join(Formats, ", "))
}

// NeedsRules reports whether a format describes rules that did not fire, so
// a caller knows when ReportOptions.Rules is worth filling.
func NeedsRules(format string) bool {
	return format == "sarif" || format == "junit"
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeText prints one block per finding, most pressing first, then a line
// that sums the run up. It is meant for a CI log read by a person.
func writeText(w io.Writer, r Report, color bool) error {
	paint := func(code, s string) string {
		if !color || code == "" {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	var b strings.Builder
	for _, f := range r.Findings {
		action := fmt.Sprintf("%-5s", strings.ToUpper(string(f.Action)))
		fmt.Fprintf(&b, "%s  %-8s  %s  %s\n", paint(textColors[string(f.Action)], action),
			f.Severity, f.Rule, formatLocation(f))
		fmt.Fprintf(&b, "       %s\n", f.Message)
		// Information needs no fix line: it is there to read, not to act on.
		if f.Action != ActionInfo {
			fmt.Fprintf(&b, "       fix: %s\n", f.Remediation)
		}
		b.WriteString("\n")
	}
	writeBundleLines(&b, r.Summary)
	summary := summaryLine(r)
	b.WriteString(paint(textColors[string(r.Decision)], strings.TrimSuffix(summary, "\n")) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// textColors are ANSI SGR codes for actions and decisions: red for what
// blocks, yellow for what warns, cyan for information, green for a pass.
var textColors = map[string]string{
	string(ActionBlock):  "1;31",
	string(ActionWarn):   "33",
	string(ActionInfo):   "36",
	string(DecisionPass): "32",
}

func formatLocation(f Finding) string {
	switch {
	case f.Location.Path == "":
		return "(repository)"
	case f.Location.Line > 0:
		return fmt.Sprintf("%s:%d", f.Location.Path, f.Location.Line)
	}
	return f.Location.Path
}

// summaryLine counts the findings by action, and those that .tms.yaml
// disabled or exempted when there are any, so a reader of a passing run
// sees that settings took findings out of it.
func summaryLine(r Report) string {
	s := r.Summary
	suppressed := ""
	if s.Suppressed > 0 {
		suppressed = fmt.Sprintf(", %d suppressed", s.Suppressed)
	}
	return fmt.Sprintf("%s: %d blocking, %d warning, %d info%s; "+
		"%d surface items (%d new, %d unreviewed), %d threats (%d unreviewed)\n",
		r.Decision, s.Block, s.Warn, s.Info, suppressed,
		s.Surface, s.NewSurface, s.UnreviewedSurface, s.Threats, s.UnreviewedThreats)
}

// Fingerprint identifies a finding across runs for code-scanning platforms.
// It hashes the rule and the subject, never the line, so an alert survives
// unrelated edits above it; a finding without a subject falls back to its
// file.
func Fingerprint(f Finding) string {
	subject := f.Subject
	if subject == "" {
		subject = f.Location.Path
	}
	sum := sha256.Sum256([]byte(f.Rule + "\x00" + subject))
	return hex.EncodeToString(sum[:16])
}

// fingerprint is Fingerprint for a report of the directory PathPrefix names.
// Reports of two directories of one checkout can meet (GitLab merges a
// pipeline's Code Quality reports, code scanning shows every analysis of a
// commit), so the prefix goes into the hash: the same rule on the same
// subject in two directories must stay two findings. Without a prefix it is
// Fingerprint itself, so fingerprints already recorded keep their value.
func (o ReportOptions) fingerprint(f Finding) string {
	if o.PathPrefix == "" {
		return Fingerprint(f)
	}
	sum := sha256.Sum256([]byte(o.PathPrefix + "\x00" + Fingerprint(f)))
	return hex.EncodeToString(sum[:16])
}

// anchor is where a format that requires a file places a finding: its own
// location, or the first line of the threat model when it has none, as a
// path from the root of the checkout.
func (o ReportOptions) anchor(f Finding) (path string, line int) {
	path, line = f.Location.Path, f.Location.Line
	if path == "" {
		path, line = o.ModelFile, 1
		if path == "" {
			path = DefaultModelFile
		}
	}
	return o.checkoutPath(path), max(line, 1)
}

// checkoutPath turns a path relative to the evaluated directory into one
// relative to the root of the checkout. A path that is not relative (a
// model kept outside the repository) is left as it is.
func (o ReportOptions) checkoutPath(p string) string {
	if o.PathPrefix == "" || p == "" || path.IsAbs(p) || strings.HasPrefix(p, "../") {
		return p
	}
	return path.Join(o.PathPrefix, p)
}

// catalog is every rule a report describes, sorted by id: the rules the run
// evaluated, plus any rule that fired without being in them.
func (o ReportOptions) catalog(findings []Finding) []Rule {
	rules := slices.Clone(o.Rules)
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	for _, f := range findings {
		if known[f.Rule] {
			continue
		}
		known[f.Rule] = true
		rules = append(rules, Rule{
			ID: f.Rule, Title: f.Title, Description: f.Title, Severity: f.Severity,
			Stride: f.Stride, Remediation: f.Remediation,
		})
	}
	slices.SortFunc(rules, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}

func (o ReportOptions) thresholds() Thresholds {
	if o.Thresholds.FailOn == "" {
		return DefaultConfig().Thresholds()
	}
	return o.Thresholds
}
