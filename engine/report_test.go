package engine

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden reports under testdata/reports")

// goldenExtensions names the golden file of each format.
var goldenExtensions = map[string]string{
	"text":        "txt",
	"json":        "report.json",
	"sarif":       "sarif",
	"markdown":    "md",
	"github":      "github.txt",
	"junit":       "junit.xml",
	"codequality": "codequality.json",
}

// trickyReport reads a report whose findings carry what breaks naive
// writers: line breaks, workflow commands, Markdown and HTML, a mention, a
// path with a space, a finding without a file and one without a line.
func trickyReport(t *testing.T) Report {
	t.Helper()
	return loadReport(t, "tricky")
}

// prModeReport is a report of pull-request mode: a finding the change
// introduces, two the merge base had too, and one that an acceptance the
// base had already hid.
func prModeReport(t *testing.T) Report {
	t.Helper()
	return loadReport(t, "pr_mode")
}

// loadReport reads testdata/reports/NAME.json.
func loadReport(t *testing.T, name string) Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/reports", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// testCatalog is a rule catalog with a rule that did not fire and one with
// references; TEAM-PAY-001 fired but is missing, as a rule the caller did not
// know of would be.
func testCatalog() []Rule {
	return []Rule{
		{
			ID: "TMS-SURFACE-001", Title: "Surface not in the threat model",
			Description: "Surface the model does not list.", Severity: SeverityHigh,
			Stride: []string{"spoofing"}, Remediation: "Add the item.",
			References: []Reference{
				{URL: "https://cwe.mitre.org/data/definitions/1059.html", Description: "CWE-1059"},
				{URL: "https://owasp.org/www-community/Threat_Modeling_Process"},
			},
		},
		{
			ID: "TMS-SURFACE-002", Title: "File tms could not read",
			Description: "A file was matched but not read.", Severity: SeverityMedium,
			Stride: []string{"tampering"}, Remediation: "Fix the file or exclude it.",
		},
		{
			ID: "TMS-THREAT-001", Title: "Threat without mitigation or acceptance",
			Description: "A threat nobody answers.", Severity: SeverityHigh,
			Stride: []string{"denial_of_service"}, Remediation: "Mitigate or accept it.",
		},
		{
			ID: "TMS-ACCEPT-001", Title: "Acceptance expired",
			Description: "The acceptance is past its date.", Severity: SeverityHigh,
			Stride: []string{"repudiation"}, Remediation: "Review it again.",
		},
	}
}

func testOptions() ReportOptions {
	return ReportOptions{
		ToolVersion: "v1.4.0",
		Rules:       testCatalog(),
		ModelFile:   "docs/threat-model.yaml",
		LinkBase:    "https://github.com/acme/shop/blob/0123abc",
	}
}

// TestReportGolden pins every format's rendering of the tricky report and
// of the pull-request mode one. Run with -update to rewrite the files after
// an intended change.
func TestReportGolden(t *testing.T) {
	for _, name := range []string{"tricky", "pr_mode"} {
		r := loadReport(t, name)
		for _, format := range Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				var out bytes.Buffer
				if err := testOptions().Write(&out, format, r); err != nil {
					t.Fatal(err)
				}
				ext, ok := goldenExtensions[format]
				if !ok {
					t.Fatalf("format %s has no golden file extension", format)
				}
				compareGolden(t, filepath.Join("testdata/reports", name+"."+ext), out.Bytes())
			})
		}
	}
}

func TestWriteReportRejectsUnknownFormat(t *testing.T) {
	err := WriteReport(&bytes.Buffer{}, "yaml", Report{})
	if err == nil || !strings.Contains(err.Error(), `unknown format "yaml"`) {
		t.Errorf("got %v, want an unknown-format error", err)
	}
}

// TestEmptyReport checks that a run without findings still gives each format
// a well-formed document: an empty SARIF run, an empty Code Quality array.
func TestEmptyReport(t *testing.T) {
	r := Report{Decision: DecisionPass, Summary: Summary{Rules: 4, Surface: 2}}
	want := map[string]string{
		"text":        "pass: 0 blocking",
		"markdown":    "No findings.",
		"github":      "pass: 0 blocking",
		"junit":       `tests="4" failures="0"`,
		"codequality": "[]",
		"sarif":       `"results": []`,
		"json":        `"decision": "pass"`,
	}
	for _, format := range Formats {
		var out bytes.Buffer
		if err := testOptions().Write(&out, format, r); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !strings.Contains(out.String(), want[format]) {
			t.Errorf("%s report does not contain %q:\n%s", format, want[format], out.String())
		}
		// A run without organisation bundles says nothing about them, not
		// even with an empty element.
		if strings.Contains(out.String(), "bundle") || strings.Contains(out.String(), "<properties") {
			t.Errorf("%s report of a run without bundles mentions them:\n%s", format, out.String())
		}
	}
}

func TestFingerprint(t *testing.T) {
	base := Finding{Rule: "TMS-SURFACE-001", Subject: "container.port:Dockerfile#80/tcp",
		Location: locationAt("Dockerfile", 3)}
	moved := base
	moved.Location.Line = 30
	moved.Message = "reworded"
	otherRule := base
	otherRule.Rule = "TMS-SURFACE-002"
	otherSubject := base
	otherSubject.Subject = "container.port:Dockerfile#443/tcp"
	noSubject := Finding{Rule: "TMS-SURFACE-002", Location: locationAt("a.json", 0)}
	noSubjectElsewhere := Finding{Rule: "TMS-SURFACE-002", Location: locationAt("b.json", 0)}

	if Fingerprint(base) != Fingerprint(moved) {
		t.Error("moving a finding or rewording its message changed its fingerprint")
	}
	for name, other := range map[string]Finding{"rule": otherRule, "subject": otherSubject} {
		if Fingerprint(base) == Fingerprint(other) {
			t.Errorf("findings that differ by %s share a fingerprint", name)
		}
	}
	if Fingerprint(noSubject) == Fingerprint(noSubjectElsewhere) {
		t.Error("findings without a subject in different files share a fingerprint")
	}
	if got := len(Fingerprint(base)); got != 32 {
		t.Errorf("fingerprint has %d hex digits, want 32", got)
	}
}

// TestFingerprintPathPrefix checks reports of two directories of one
// checkout, as a monorepo pipeline writes them: GitLab merges their Code
// Quality issues and code scanning keeps both SARIF analyses, deduplicating
// by fingerprint, so the same rule on the same file in each directory must
// keep two fingerprints, each stable from run to run.
func TestFingerprintPathPrefix(t *testing.T) {
	r := Report{Decision: DecisionBlock, Findings: []Finding{{
		Rule: "TMS-SURFACE-001", Subject: "container.port:Dockerfile#80/tcp",
		Title: "Unreviewed surface", Severity: SeverityHigh, Action: ActionBlock,
		Location: locationAt("Dockerfile", 3),
	}}}
	fingerprints := func(prefix string) []string {
		var out []string
		for _, format := range []string{"codequality", "sarif"} {
			var b bytes.Buffer
			if err := (ReportOptions{PathPrefix: prefix}).Write(&b, format, r); err != nil {
				t.Fatal(err)
			}
			m := regexp.MustCompile(`"(?:fingerprint|tmsFinding/v1)": "([0-9a-f]+)"`).
				FindStringSubmatch(b.String())
			if m == nil {
				t.Fatalf("%s report has no fingerprint:\n%s", format, b.String())
			}
			out = append(out, m[1])
		}
		return out
	}

	root, a, b := fingerprints(""), fingerprints("services/a"), fingerprints("services/b")
	want := Fingerprint(r.Findings[0])
	if root[0] != want || root[1] != want {
		t.Errorf("without a prefix the fingerprints are %v, want %s as before", root, want)
	}
	for i, format := range []string{"Code Quality", "SARIF"} {
		if a[i] == b[i] || a[i] == root[i] {
			t.Errorf("%s fingerprints collide across directories: %s, %s, %s",
				format, root[i], a[i], b[i])
		}
	}
	if again := fingerprints("services/a"); again[0] != a[0] || again[1] != a[1] {
		t.Errorf("fingerprints changed between runs: %v then %v", a, again)
	}
}

func TestAnchor(t *testing.T) {
	tests := []struct {
		name      string
		modelFile string
		finding   Finding
		wantPath  string
		wantLine  int
	}{
		{"own location", "tm.yaml", Finding{Location: locationAt("a/Dockerfile", 4)}, "a/Dockerfile", 4},
		{"file without line", "tm.yaml", Finding{Location: locationAt("a.json", 0)}, "a.json", 1},
		{"no file: the model", "docs/tm.yaml", Finding{}, "docs/tm.yaml", 1},
		{"no file, no model named", "", Finding{}, DefaultModelFile, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, line := ReportOptions{ModelFile: tt.modelFile}.anchor(tt.finding)
			if path != tt.wantPath || line != tt.wantLine {
				t.Errorf("got %s:%d, want %s:%d", path, line, tt.wantPath, tt.wantLine)
			}
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
