package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// The SARIF writer targets GitHub code scanning, which reads a subset of
// SARIF 2.1.0: rules carry security-severity and tags, every result has a
// physical location, and partialFingerprints keep alerts stable across runs.
const (
	sarifInformationURI = "https://github.com/tms-dev/tms"
	sarifFingerprintKey = "tmsFinding/v1"
	sarifSourceRoot     = "%SRCROOT%"
)

// securitySeverity maps a severity to the CVSS-like score that GitHub turns
// back into critical, high, medium or low.
var securitySeverity = map[Severity]string{
	SeverityCritical: "9.5",
	SeverityHigh:     "8.0",
	SeverityMedium:   "5.5",
	SeverityLow:      "3.0",
	SeverityInfo:     "0.0",
}

var sarifLevels = map[Action]string{
	ActionBlock: "error",
	ActionWarn:  "warning",
	ActionInfo:  "note",
}

var cwePattern = regexp.MustCompile(`^https?://cwe\.mitre\.org/data/definitions/(\d+)\.html$`)

func writeSARIF(w io.Writer, r Report, o ReportOptions) error {
	doc, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	run := sarif.NewRunWithInformationURI("tms", sarifInformationURI)
	run.Tool.Driver.WithVersion(sarifVersion(o.ToolVersion))

	index := map[string]int{}
	for i, rule := range o.catalog(slices.Concat(r.Findings, r.Preexisting, r.Suppressed)) {
		index[rule.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(rule, o.thresholds()))
	}
	// Every finding of the head goes in, the merge base's too in pull-request
	// mode: code scanning compares with the base branch's analysis itself,
	// and would show a finding left out here as fixed.
	for _, f := range slices.Concat(r.Findings, r.Preexisting) {
		run.Results = append(run.Results, sarifResult(f, index[f.Rule], o))
	}
	for _, f := range r.Suppressed {
		result := sarifResult(f, index[f.Rule], o)
		run.Results = append(run.Results, result.WithSuppression(sarifSuppressions(f, o)))
	}
	run.Properties = sarifBundleProperties(r.Summary)
	doc.AddRun(run)
	return writeJSON(w, doc)
}

// sarifBundleProperties record on the run which organisation bundles judged
// it and which of their rules the repository weakened, in the fields of the
// JSON report's summary. A run with bundles lists its overrides even when
// there are none, so that an empty list reads as "none", not as unknown; a
// run without bundles carries neither property.
func sarifBundleProperties(s Summary) sarif.Properties {
	if len(s.Bundles) == 0 && len(s.Overrides) == 0 {
		return nil
	}
	return sarif.Properties{
		"tms/bundles":   append([]BundleInfo{}, s.Bundles...),
		"tms/overrides": append([]Override{}, s.Overrides...),
	}
}

func sarifRule(rule Rule, t Thresholds) *sarif.ReportingDescriptor {
	level := sarifLevels[t.action(Finding{Severity: rule.Severity})]
	d := sarif.NewRule(rule.ID).
		WithName(pascalCase(rule.Title)).
		WithShortDescription(sarif.NewMultiformatMessageString(rule.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString(rule.Description)).
		WithHelp(sarifHelp(rule)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level)).
		WithProperties(sarif.Properties{
			"security-severity": securitySeverity[rule.Severity],
			"tags":              sarifTags(rule),
		})
	if len(rule.References) > 0 {
		d.WithHelpURI(rule.References[0].URL)
	}
	return d
}

// sarifHelp is the remediation, then the rule's references.
func sarifHelp(rule Rule) *sarif.MultiformatMessageString {
	text := []string{rule.Remediation}
	links := []string{}
	for _, ref := range rule.References {
		label := ref.Description
		if label == "" {
			label = ref.URL
		}
		text = append(text, fmt.Sprintf("%s: %s", label, ref.URL))
		links = append(links, fmt.Sprintf("- [%s](<%s>)", markdownText(label), ref.URL))
	}
	markdown := markdownText(rule.Remediation)
	if len(links) > 0 {
		markdown += "\n\n" + strings.Join(links, "\n")
	}
	return sarif.NewMultiformatMessageString(strings.Join(text, "\n")).WithMarkdown(markdown)
}

// sarifTags mark the rule as a security rule (GitHub shows security-severity
// only then), name its STRIDE categories, and its CWE entries in the form
// GitHub links.
func sarifTags(rule Rule) []string {
	tags := append([]string{"security"}, rule.Stride...)
	for _, ref := range rule.References {
		if m := cwePattern.FindStringSubmatch(ref.URL); m != nil {
			tags = append(tags, "external/cwe/cwe-"+m[1])
		}
	}
	return tags
}

// sarifLocation is a line of a repository file, relative to the source root.
func sarifLocation(path string, line int) *sarif.Location {
	artifact := sarif.NewSimpleArtifactLocation(sarifURI(path)).WithUriBaseId(sarifSourceRoot)
	return sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(artifact).
		WithRegion(sarif.NewRegion().WithStartLine(line)))
}

func sarifResult(f Finding, ruleIndex int, o ReportOptions) *sarif.Result {
	result := sarif.NewRuleResult(f.Rule).
		WithRuleIndex(ruleIndex).
		WithLevel(sarifLevels[f.Action]).
		WithMessage(sarif.NewTextMessage(f.Message)).
		WithLocations([]*sarif.Location{sarifLocation(o.anchor(f))}).
		WithPartialFingerPrints(map[string]any{sarifFingerprintKey: o.fingerprint(f)})
	if f.Baseline != "" {
		result.WithBaselineState(f.Baseline)
	}
	result.Properties = sarif.Properties{
		"severity":    string(f.Severity),
		"action":      string(f.Action),
		"subject":     f.Subject,
		"new_surface": f.NewSurface,
	}
	return result
}

// sarifSuppressions record who took a finding out of the decision: kind
// external (the decision lives outside the code), status accepted (it is in
// force), and as justification the person's reason, or for an acceptance
// its id, approver, expiry and reason. The location names the setting of
// .tms.yaml, or points at the acceptance in the threat model. go-sarif
// writes every field of a suppression, so each is given a valid value
// rather than null.
func sarifSuppressions(f Finding, o ReportOptions) []*sarif.Suppression {
	s := sarif.NewSuppression("external").
		WithStatus("accepted").
		WithGuid(suppressionGUID(o.fingerprint(f), f))
	if a := f.Suppression.Acceptance; a != nil {
		justification := fmt.Sprintf("accepted as %s by %s until %s: %s",
			a.ID, a.ApprovedBy, a.Expires, a.Reason)
		where := sarifLocation(o.anchor(Finding{Location: a.Location})).
			WithMessage(sarif.NewTextMessage("acceptance " + a.ID + " in the threat model"))
		return []*sarif.Suppression{s.WithLocation(where).WithJustifcation(justification)}
	}
	where := sarif.NewLocation().
		WithMessage(sarif.NewTextMessage(f.Suppression.Setting + " in the tms configuration"))
	return []*sarif.Suppression{s.WithLocation(where).WithJustifcation(f.Suppression.Reason)}
}

// suppressionGUID derives a stable identifier from the finding and the
// setting or acceptance, shaped as a name-based (version 5) UUID, so that
// the same suppression keeps its GUID from run to run.
func suppressionGUID(fingerprint string, f Finding) string {
	by := f.Suppression.Setting
	if a := f.Suppression.Acceptance; a != nil {
		by = "acceptance " + a.ID
	}
	sum := sha256.Sum256([]byte(fingerprint + "\x00" + by))
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	h := hex.EncodeToString(sum[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// sarifURI writes a repository path as a relative URI reference: spaces and
// other reserved characters are percent-encoded, and a first segment with a
// colon is kept from reading as a scheme.
func sarifURI(path string) string {
	return (&url.URL{Path: path}).String()
}

// sarifVersion drops the v of a Go module version, since SARIF viewers compare
// versions that start with a number. A development build, whose "(devel)"
// says nothing comparable, is named 0.0.0-devel: it sorts below every
// release, and code scanning still learns which tool wrote the log.
func sarifVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if v == "" || !unicode.IsDigit(rune(v[0])) {
		return develVersion
	}
	return v
}

const develVersion = "0.0.0-devel"

// pascalCase turns a title into the identifier-like name SARIF recommends.
func pascalCase(title string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(title, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		runes := []rune(word)
		b.WriteRune(unicode.ToUpper(runes[0]))
		b.WriteString(string(runes[1:]))
	}
	return b.String()
}
