package engine

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func manyFindings(n int, message string) Report {
	r := Report{Decision: DecisionWarn}
	for i := range n {
		action := ActionWarn
		if i%3 == 2 {
			action = ActionInfo
		}
		r.Findings = append(r.Findings, Finding{
			Rule: "TMS-SURFACE-001", Title: "Surface not in the threat model",
			Severity: SeverityMedium, Action: action, Message: fmt.Sprintf("%s %d", message, i),
			Subject:     fmt.Sprintf("dependency:go.mod#example.com/m%d", i),
			Remediation: "Add the item.", Location: locationAt("go.mod", i+1),
		})
	}
	return r
}

func TestMarkdownFitsTheCommentLimit(t *testing.T) {
	tests := []struct {
		name      string
		report    Report
		limit     int
		wantShown int
	}{
		{"everything fits", manyFindings(5, "dependency is new"), markdownLimit, 5},
		{"cut to the limit", manyFindings(400, strings.Repeat("x", 200)), 20000, -1},
		{"one huge message", manyFindings(1, strings.Repeat("é", 100000)), markdownLimit, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := renderMarkdown(tt.report, ReportOptions{}, tt.limit)
			if len(doc) > tt.limit {
				t.Errorf("%d bytes, over the limit of %d", len(doc), tt.limit)
			}
			if !utf8.ValidString(doc) {
				t.Error("the document is not valid UTF-8")
			}
			if !strings.HasPrefix(doc, MarkdownMarker+"\n") {
				t.Error("the document does not open with the marker")
			}
			shown := strings.Count(doc, "| `TMS-SURFACE-001` |")
			left := len(tt.report.Findings) - shown
			if tt.wantShown >= 0 && shown != tt.wantShown {
				t.Errorf("%d findings shown, want %d", shown, tt.wantShown)
			}
			note := fmt.Sprintf("%s not shown", plural(left, "more finding"))
			if hasNote := strings.Contains(doc, note); hasNote != (left > 0) {
				t.Errorf("%d findings left out, but the note %q present: %v", left, note, hasNote)
			}
		})
	}
}

func TestMarkdownTruncationKeepsTheMostPressing(t *testing.T) {
	r := manyFindings(300, strings.Repeat("y", 300))
	SortFindings(r.Findings)
	doc := renderMarkdown(r, ReportOptions{}, 30000)
	if strings.Contains(doc, "<details>") && !strings.Contains(doc, "</details>") {
		t.Error("a cut left <details> open")
	}
	if strings.Contains(doc, "| info |") {
		t.Error("info findings are shown while warnings were left out")
	}
}

func TestMarkdownText(t *testing.T) {
	tests := map[string]string{
		"plain words":             "plain words",
		"a|b":                     `a\|b`,
		"<!-- tms-report -->":     "&lt;!-- tms-report --&gt;",
		"[x](javascript:y)":       `\[x\](javascript:y)`,
		"**bold** _it_ `code` ~s": `\*\*bold\*\* \_it\_ \` + "`code\\` \\~s",
		"two\nlines\r\n end":      "two lines end",
		"@types/node and me@":     "@\u200btypes/node and me@",
		"cc @team, (@lead)":       "cc @\u200bteam, (@\u200blead)",
		"image:tag@sha256:ab12":   "image:tag@sha256:ab12",
		"ops@example.com":         "ops@example.com",
		`back\slash & co`:         `back\\slash &amp; co`,
	}
	for in, want := range tests {
		if got := markdownText(in); got != want {
			t.Errorf("markdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownLocation(t *testing.T) {
	f := Finding{Location: locationAt("web/my app/(x).json", 3)}
	const text, target = "[web/my app/(x).json:3]", "web/my%20app/%28x%29.json#L3)"
	tests := []struct {
		base, want string
	}{
		{"", text + "(./" + target},
		{"https://h/o/r/blob/abc", text + "(https://h/o/r/blob/abc/" + target},
		{"https://h/o/r/blob/abc/", text + "(https://h/o/r/blob/abc/" + target},
	}
	for _, tt := range tests {
		if got := markdownLocation(f, ReportOptions{LinkBase: tt.base}); got != tt.want {
			t.Errorf("base %q: got %s, want %s", tt.base, got, tt.want)
		}
	}
	dir := ReportOptions{LinkBase: "https://h/o/r/blob/abc/", LinkDir: "svc/a b#2"}
	want := text + "(https://h/o/r/blob/abc/svc/a%20b%232/" + target
	if got := markdownLocation(f, dir); got != want {
		t.Errorf("link dir %q: got %s, want %s", dir.LinkDir, got, want)
	}
	if got := markdownLocation(Finding{}, ReportOptions{}); got != "(repository)" {
		t.Errorf("a finding without a file shows %q", got)
	}
}

// TestMarkdownMarkers checks the hidden marker a report opens with: the
// plain one for the checkout's root, so comments posted before directories
// had markers keep being edited, and one per directory otherwise, which
// ReportMarker reads back.
func TestMarkdownMarkers(t *testing.T) {
	tests := []struct{ prefix, want string }{
		{"", "<!-- tms-report -->"},
		{"services/a", "<!-- tms-report:services/a -->"},
		{"services/b", "<!-- tms-report:services/b -->"},
		{"odd/a b-->\nx", "<!-- tms-report:odd/a%20b--%3E%0Ax -->"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		r := Report{Decision: DecisionPass}
		if err := (ReportOptions{PathPrefix: tt.prefix}).Write(&b, "markdown", r); err != nil {
			t.Fatal(err)
		}
		if got := ReportMarker(b.String()); got != tt.want {
			t.Errorf("prefix %q: marker %q, want %q", tt.prefix, got, tt.want)
		}
	}
	for _, body := range []string{"### no marker\n", "<!-- tms-reports -->\n", ""} {
		if got := ReportMarker(body); got != "" {
			t.Errorf("ReportMarker(%q) = %q, want none", body, got)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	data := map[string]string{
		"100%":           "100%25",
		"a\nb\r\nc":      "a%0Ab%0D%0Ac",
		"x::y, z":        "x::y, z",
		"%0A is literal": "%250A is literal",
	}
	for in, want := range data {
		if got := escapeGitHubData(in); got != want {
			t.Errorf("escapeGitHubData(%q) = %q, want %q", in, got, want)
		}
	}
	props := map[string]string{
		"a,b:c":     "a%2Cb%3Ac",
		"50%\nnext": "50%25%0Anext",
	}
	for in, want := range props {
		if got := escapeGitHubProperty(in); got != want {
			t.Errorf("escapeGitHubProperty(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGitHubOneCommandPerFinding(t *testing.T) {
	r := trickyReport(t)
	var out bytes.Buffer
	if err := WriteReport(&out, "github", r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(r.Findings)+2 {
		t.Fatalf("got %d lines, want one per finding, the bundles and the summary:\n%s",
			len(lines), out.String())
	}
	want := []string{"::error file=", "::error title=", "::warning file=", "::notice file=",
		"::notice title=tms policy bundles::bundle oci://"}
	for i, prefix := range want {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d is %q, want it to start with %q", i+1, lines[i], prefix)
		}
	}
}

func TestJUnitCounts(t *testing.T) {
	var out bytes.Buffer
	if err := testOptions().Write(&out, "junit", trickyReport(t)); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("the JUnit report does not parse: %v", err)
	}
	suite := doc.Suites[0]
	type summary struct{ Tests, Failures, Cases, Passing int }
	got := summary{suite.Tests, suite.Failures, len(suite.Cases), 0}
	for _, c := range suite.Cases {
		if c.Failure == nil {
			got.Passing++
		}
	}
	// Four findings (two block, one warns, one info) and TMS-ACCEPT-001, the
	// one catalog rule that reported nothing.
	want := summary{Tests: 5, Failures: 3, Cases: 5, Passing: 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestXMLText(t *testing.T) {
	tests := map[string]string{
		"a < b & c > d":  "a &lt; b &amp; c &gt; d",
		"line\nbreak":    "line\nbreak",
		"cr\r":           "cr&#xD;",
		"bell\a nul\x00": "bell\uFFFD nul\uFFFD",
	}
	for in, want := range tests {
		if got := xmlText(in); got != want {
			t.Errorf("xmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCodeQualityIssues(t *testing.T) {
	var out bytes.Buffer
	if err := testOptions().Write(&out, "codequality", trickyReport(t)); err != nil {
		t.Fatal(err)
	}
	var issues []codeQualityIssue
	if err := json.Unmarshal(out.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Check, Severity, Path string
		Line                  int
	}
	var got []row
	for _, is := range issues {
		if is.Description == "" || is.Fingerprint == "" {
			t.Errorf("%s has no description or fingerprint", is.CheckName)
		}
		got = append(got, row{is.CheckName, is.Severity, is.Location.Path, is.Location.Lines.Begin})
	}
	want := []row{
		{"TMS-SURFACE-001", "critical", "svc/a b/Dockerfile", 7},
		{"TEAM-PAY-001", "blocker", "docs/threat-model.yaml", 1},
		{"TMS-THREAT-001", "major", "docs/threat-model.yaml", 47},
		{"TMS-SURFACE-002", "minor", "web/package.json", 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// FuzzWriters feeds repository-controlled text to every writer: each must
// write a document of its own format, whatever the text holds.
func FuzzWriters(f *testing.F) {
	f.Add("plain message", "Dockerfile", "container.port:Dockerfile#80/tcp")
	f.Add("line\n::error::x\r\n| <b> @team %0A", "a b/c,d:e", "")
	f.Add("\x00\xff\xfe]]>", "", "\u2028")
	f.Fuzz(func(t *testing.T, message, path, subject string) {
		r := Report{Decision: DecisionBlock, Findings: []Finding{{
			Rule: "TMS-SURFACE-001", Title: message, Severity: SeverityHigh, Action: ActionBlock,
			Message: message, Subject: subject, Remediation: message,
			Location: locationAt(path, 2),
		}}}
		for _, format := range Formats {
			var out bytes.Buffer
			if err := testOptions().Write(&out, format, r); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			checkWellFormed(t, format, out.Bytes())
		}
	})
}

func checkWellFormed(t *testing.T, format string, doc []byte) {
	t.Helper()
	switch format {
	case "json", "sarif", "codequality":
		if !json.Valid(doc) {
			t.Errorf("%s: invalid JSON:\n%s", format, doc)
		}
	case "junit":
		if err := xml.Unmarshal(doc, &junitSuites{}); err != nil {
			t.Errorf("junit: %v:\n%s", err, doc)
		}
	case "github":
		if n := strings.Count(string(doc), "\n"); n != 2 {
			t.Errorf("github: %d lines, want the command and the summary:\n%s", n, doc)
		}
	case "markdown":
		rows := strings.Count(string(doc), "\n| ")
		if rows != 3 {
			t.Errorf("markdown: %d table lines, want header, rule and one finding:\n%s", rows, doc)
		}
	}
}

func TestTextColor(t *testing.T) {
	r := trickyReport(t)
	var plain, colored bytes.Buffer
	if err := (ReportOptions{}).Write(&plain, "text", r); err != nil {
		t.Fatal(err)
	}
	if err := (ReportOptions{Color: true}).Write(&colored, "text", r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("the text report has colour codes without Color")
	}
	for _, want := range []string{
		"\x1b[1;31mBLOCK\x1b[0m  high ",
		"\x1b[33mWARN \x1b[0m  medium ",
		"\x1b[36mINFO \x1b[0m  low ",
		"\x1b[1;31mblock: 2 blocking",
	} {
		if !strings.Contains(colored.String(), want) {
			t.Errorf("the coloured report lacks %q:\n%s", want, colored.String())
		}
	}
	stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(colored.String(), "")
	if stripped != plain.String() {
		t.Error("colour changed more than the colour codes")
	}
}

// TestPathPrefix checks that the formats a platform reads from the root of
// the checkout put the evaluated directory before every path, the threat
// model's included, and that the formats people read keep them as they are.
func TestPathPrefix(t *testing.T) {
	r := trickyReport(t)
	o := testOptions()
	o.PathPrefix = "services/shop"
	write := func(format string) string {
		var out bytes.Buffer
		if err := o.Write(&out, format, r); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}

	var log sarifLog
	if err := json.Unmarshal([]byte(write("sarif")), &log); err != nil {
		t.Fatal(err)
	}
	var uris []string
	for _, res := range log.Runs[0].Results {
		uris = append(uris, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	for _, uri := range uris {
		if !strings.HasPrefix(uri, "services/shop/") {
			t.Errorf("SARIF location %q lacks the prefix", uri)
		}
	}
	if !slices.Contains(uris, "services/shop/docs/threat-model.yaml") {
		t.Errorf("no finding without a file points at the prefixed model: %q", uris)
	}
	for format, want := range map[string]string{
		"codequality": `"path": "services/shop/svc/a b/Dockerfile"`,
		"github":      "file=services/shop/svc/a b/Dockerfile,",
		"junit":       `file="services/shop/svc/a b/Dockerfile"`,
	} {
		if got := write(format); !strings.Contains(got, want) {
			t.Errorf("%s report lacks %s:\n%s", format, want, got)
		}
	}
	if strings.Contains(write("text"), "services/shop") {
		t.Error("the text report put the prefix before its paths")
	}
}
