package engine

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tms-dev/tms/extractors"
)

// sarifSchemaPath is the SARIF 2.1.0 JSON Schema as the SARIF Multitool
// (npm @microsoft/sarif-multitool, MIT) ships and validates with.
const sarifSchemaPath = "testdata/sarif-schema-2.1.0.json"

func locationAt(path string, line int) extractors.Location {
	return extractors.Location{Path: path, Line: line}
}

// sarifLog is the part of a SARIF log that GitHub code scanning reads.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID               string         `json:"id"`
					Name             string         `json:"name"`
					ShortDescription map[string]any `json:"shortDescription"`
					HelpURI          string         `json:"helpUri"`
					Properties       struct {
						SecuritySeverity string   `json:"security-severity"`
						Tags             []string `json:"tags"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string              `json:"ruleId"`
			RuleIndex           *int                `json:"ruleIndex"`
			Level               string              `json:"level"`
			Message             map[string]string   `json:"message"`
			PartialFingerprints map[string]string   `json:"partialFingerprints"`
			Locations           []sarifTestLocation `json:"locations"`
			Suppressions        []struct {
				Kind          string `json:"kind"`
				Status        string `json:"status"`
				GUID          string `json:"guid"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

// sarifTestLocation is a location as code scanning reads it: a file and a
// line.
type sarifTestLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine int `json:"startLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func writeTestSARIF(t *testing.T, r Report, o ReportOptions) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := o.Write(&out, "sarif", r); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestSARIFValidatesAgainstSchema checks the output against the SARIF 2.1.0
// schema, formats included, with and without a rule catalog and findings.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	cases := map[string]struct {
		report  Report
		options ReportOptions
	}{
		"tricky with catalog": {trickyReport(t), testOptions()},
		"tricky, fired only":  {trickyReport(t), ReportOptions{}},
		"no findings":         {Report{Decision: DecisionPass}, testOptions()},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(writeTestSARIF(t, c.report, c.options)))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(doc); err != nil {
				t.Errorf("SARIF output does not match the 2.1.0 schema: %v", err)
			}
		})
	}
}

// TestSARIFMeetsGitHubRequirements checks what the schema leaves optional and
// code scanning needs: a location on every result, a rule index that points
// at the result's rule, a fingerprint, and a security severity with the
// security tag on every rule.
func TestSARIFMeetsGitHubRequirements(t *testing.T) {
	r := trickyReport(t)
	var log sarifLog
	if err := json.Unmarshal(writeTestSARIF(t, r, testOptions()), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	driver := run.Tool.Driver
	if driver.Name != "tms" || driver.Version != "1.4.0" {
		t.Errorf("driver is %s %s, want tms 1.4.0", driver.Name, driver.Version)
	}

	var ids []string
	for _, rule := range driver.Rules {
		ids = append(ids, rule.ID)
		if rule.Properties.SecuritySeverity == "" || !slices.Contains(rule.Properties.Tags, "security") {
			t.Errorf("rule %s lacks security-severity or the security tag", rule.ID)
		}
		if rule.Name == "" || rule.ShortDescription["text"] == "" {
			t.Errorf("rule %s lacks a name or short description", rule.ID)
		}
	}
	wantIDs := []string{"TEAM-PAY-001", "TMS-ACCEPT-001", "TMS-SURFACE-001", "TMS-SURFACE-002",
		"TMS-THREAT-001"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}

	all := slices.Concat(r.Findings, r.Suppressed)
	if len(run.Results) != len(all) {
		t.Fatalf("got %d results, want %d", len(run.Results), len(all))
	}
	for i, res := range run.Results {
		if res.RuleIndex == nil || driver.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex does not point at rule %s", i, res.RuleID)
		}
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" ||
			res.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result %d has no file and line: %+v", i, res.Locations)
		}
		if res.PartialFingerprints[sarifFingerprintKey] != Fingerprint(all[i]) {
			t.Errorf("result %d: partialFingerprints %v", i, res.PartialFingerprints)
		}
	}
}

func TestSARIFResultFields(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(writeTestSARIF(t, trickyReport(t), testOptions()), &log); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Rule, Level, URI string
		Line             int
	}
	var got []row
	for _, res := range log.Runs[0].Results {
		loc := res.Locations[0].PhysicalLocation
		got = append(got, row{res.RuleID, res.Level, loc.ArtifactLocation.URI, loc.Region.StartLine})
	}
	want := []row{
		{"TMS-SURFACE-001", "error", "svc/a%20b/Dockerfile", 7},
		{"TEAM-PAY-001", "error", "docs/threat-model.yaml", 1},
		{"TMS-THREAT-001", "warning", "docs/threat-model.yaml", 47},
		{"TMS-SURFACE-002", "note", "web/package.json", 1},
		{"TMS-SURFACE-001", "warning", "examples/demo/go.mod", 3},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

// TestSARIFSuppressions checks that findings .tms.yaml suppressed are
// results with an external, accepted suppression that carries the reason,
// and that the findings it kept have none.
func TestSARIFSuppressions(t *testing.T) {
	r := trickyReport(t)
	var log sarifLog
	if err := json.Unmarshal(writeTestSARIF(t, r, testOptions()), &log); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	for i, res := range results[:len(r.Findings)] {
		if len(res.Suppressions) != 0 {
			t.Errorf("result %d (%s) is suppressed, but the configuration kept it", i, res.RuleID)
		}
	}

	got := results[len(r.Findings)].Suppressions
	if len(got) != 1 {
		t.Fatalf("the suppressed finding has %d suppressions, want 1", len(got))
	}
	s := got[0]
	if s.Kind != "external" || s.Status != "accepted" {
		t.Errorf("suppression is %s/%s, want external/accepted", s.Kind, s.Status)
	}
	if want := r.Suppressed[0].Suppression.Reason; s.Justification != want {
		t.Errorf("justification %q, want the reason %q", s.Justification, want)
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !uuid.MatchString(s.GUID) {
		t.Errorf("guid %q is not a version 5 UUID", s.GUID)
	}

	again := r.Suppressed[0]
	again.Suppression = &Suppression{Setting: "rules.TMS-SURFACE-001", Reason: "x"}
	if suppressionGUID(Fingerprint(again), again) == s.GUID {
		t.Error("two different settings gave the same suppression GUID")
	}

	t.Run("acceptance", testSARIFAcceptance)
}

// testSARIFAcceptance checks a finding that a valid acceptance hid: an
// external, accepted suppression whose justification names the acceptance,
// its approver, its expiry and its reason, placed at the acceptance's line
// in the threat model.
func testSARIFAcceptance(t *testing.T) {
	r := prModeReport(t)
	var log struct {
		Runs []struct {
			Results []struct {
				Suppressions []struct {
					Kind          string            `json:"kind"`
					Status        string            `json:"status"`
					Justification string            `json:"justification"`
					Location      sarifTestLocation `json:"location"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(writeTestSARIF(t, r, testOptions()), &log); err != nil {
		t.Fatal(err)
	}
	results := log.Runs[0].Results
	if len(results) != 4 {
		t.Fatalf("%d results, want the new finding, two pre-existing and the accepted one",
			len(results))
	}
	got := results[3].Suppressions
	if len(got) != 1 {
		t.Fatalf("the accepted finding has %d suppressions, want 1", len(got))
	}
	s := got[0]
	want := "accepted as A-1 by alice until 2026-08-01: behind the VPN until the gateway ships"
	if s.Kind != "external" || s.Status != "accepted" || s.Justification != want {
		t.Errorf("suppression %s/%s %q, want external/accepted %q",
			s.Kind, s.Status, s.Justification, want)
	}
	where := s.Location.PhysicalLocation
	if where.ArtifactLocation.URI != "threat-model.yaml" || where.Region.StartLine != 40 {
		t.Errorf("suppression at %s:%d, want the acceptance at threat-model.yaml:40",
			where.ArtifactLocation.URI, where.Region.StartLine)
	}
	setting := r.Suppressed[0]
	setting.Suppression = &Suppression{Setting: "rules.TMS-SURFACE-001", Reason: "x"}
	if suppressionGUID(Fingerprint(setting), setting) ==
		suppressionGUID(Fingerprint(r.Suppressed[0]), r.Suppressed[0]) {
		t.Error("an acceptance and a setting gave the same suppression GUID")
	}
}

// TestBaselineFormats checks pull-request mode in the formats that compare
// with the base branch themselves: SARIF and Code Quality list every
// finding of the head, SARIF with its baseline state, while the formats
// people read list only what the change introduces.
func TestBaselineFormats(t *testing.T) {
	r := prModeReport(t)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID        string `json:"ruleId"`
				BaselineState string `json:"baselineState"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(writeTestSARIF(t, r, testOptions()), &log); err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, res := range log.Runs[0].Results {
		states = append(states, res.RuleID+" "+res.BaselineState)
	}
	want := []string{"TMS-SURFACE-001 new", "TMS-SURFACE-002 unchanged",
		"TMS-THREAT-001 unchanged", "TMS-SURFACE-001 unchanged"}
	if diff := cmp.Diff(want, states); diff != "" {
		t.Errorf("SARIF baseline states (-want +got):\n%s", diff)
	}

	var issues []struct {
		CheckName string `json:"check_name"`
	}
	var out bytes.Buffer
	if err := testOptions().Write(&out, "codequality", r); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != len(r.Findings)+len(r.Preexisting) {
		t.Errorf("Code Quality lists %d issues, want the %d new and %d pre-existing findings",
			len(issues), len(r.Findings), len(r.Preexisting))
	}

	for _, format := range []string{"text", "github", "markdown"} {
		out.Reset()
		if err := testOptions().Write(&out, format, r); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), "web/package.json") {
			t.Errorf("the %s report lists a finding the base branch had", format)
		}
	}
}

func TestSARIFRuleProperties(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(writeTestSARIF(t, trickyReport(t), testOptions()), &log); err != nil {
		t.Fatal(err)
	}
	rules := log.Runs[0].Tool.Driver.Rules
	byID := map[string]int{}
	for i, rule := range rules {
		byID[rule.ID] = i
	}

	surface := rules[byID["TMS-SURFACE-001"]]
	wantTags := []string{"security", "spoofing", "external/cwe/cwe-1059"}
	if diff := cmp.Diff(wantTags, surface.Properties.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if surface.HelpURI != "https://cwe.mitre.org/data/definitions/1059.html" {
		t.Errorf("helpUri is %q, want the first reference", surface.HelpURI)
	}
	if surface.Name != "SurfaceNotInTheThreatModel" {
		t.Errorf("name is %q", surface.Name)
	}

	// A rule missing from the catalog is described from its finding.
	team := rules[byID["TEAM-PAY-001"]]
	if team.Properties.SecuritySeverity != "9.5" || team.ShortDescription["text"] == "" {
		t.Errorf("TEAM-PAY-001 is %+v", team)
	}
	for severity, score := range map[Severity]string{
		SeverityCritical: "9.5", SeverityHigh: "8.0", SeverityMedium: "5.5",
		SeverityLow: "3.0", SeverityInfo: "0.0",
	} {
		if securitySeverity[severity] != score {
			t.Errorf("%s scores %q, want %q", severity, securitySeverity[severity], score)
		}
	}
}

func TestSARIFVersionAndNames(t *testing.T) {
	versions := map[string]string{"v1.2.3": "1.2.3", "(devel)": "0.0.0-devel", "": "0.0.0-devel", "0.9": "0.9"}
	for in, want := range versions {
		if got := sarifVersion(in); got != want {
			t.Errorf("sarifVersion(%q) = %q, want %q", in, got, want)
		}
	}
	names := map[string]string{
		"Surface not in the threat model":      "SurfaceNotInTheThreatModel",
		"Payment port, 100% exposed: check it": "PaymentPort100ExposedCheckIt",
		"évaluation sûre":                      "ÉvaluationSûre",
	}
	for in, want := range names {
		if got := pascalCase(in); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", in, got, want)
		}
	}
	uris := map[string]string{
		"a b/Dockerfile": "a%20b/Dockerfile",
		"c:d/x.yaml":     "./c:d/x.yaml",
		"web/#app.json":  "web/%23app.json",
	}
	for in, want := range uris {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFSchemaRejectsInvalidLogs shows that the validation above can
// fail: a result level SARIF does not define, or a log without its version.
func TestSARIFSchemaRejectsInvalidLogs(t *testing.T) {
	schema := compileSARIFSchema(t)
	valid := string(writeTestSARIF(t, trickyReport(t), testOptions()))
	broken := map[string]string{
		"unknown level": strings.Replace(valid, `"level": "error"`, `"level": "critical"`, 1),
		"no version":    strings.Replace(valid, `"version": "2.1.0",`, "", 1),
		"bad line":      strings.Replace(valid, `"startLine": 7`, `"startLine": 0`, 1),
	}
	for name, text := range broken {
		if text == valid {
			t.Fatalf("%s: the mutation did not apply", name)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(doc) == nil {
			t.Errorf("%s: the schema accepted an invalid log", name)
		}
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	compiler := jsonschema.NewCompiler()
	compiler.AssertFormat()
	schema, err := compiler.Compile(sarifSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// TestSARIFMultitool runs Microsoft's SARIF Multitool over the output, with
// its SARIF rules and its GitHub code-scanning rules, when SARIF_MULTITOOL
// names the binary (npm package @microsoft/sarif-multitool-linux, which
// make test installs). It checks the report with every tricky case, one of
// pull-request mode with an accepted risk, and the example's golden report that users see in the README. Any error or
// warning it reports fails the test.
func TestSARIFMultitool(t *testing.T) {
	tool := os.Getenv("SARIF_MULTITOOL")
	if tool == "" {
		t.Skip("SARIF_MULTITOOL is not set")
	}
	example, err := os.ReadFile("../testdata/example.eval.sarif")
	if err != nil {
		t.Fatal(err)
	}
	logs := map[string][]byte{
		"tricky":  writeTestSARIF(t, trickyReport(t), testOptions()),
		"pr_mode": writeTestSARIF(t, prModeReport(t), testOptions()),
		"example": example,
	}
	for name, sarif := range logs {
		t.Run(name, func(t *testing.T) {
			for _, problem := range multitoolProblems(t, tool, sarif) {
				t.Error(problem)
			}
		})
	}
}

// multitoolProblems validates one SARIF log and returns the Multitool's
// errors and warnings, each as "rule: message".
func multitoolProblems(t *testing.T, tool string, sarif []byte) []string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "tms.sarif")
	out := filepath.Join(dir, "validation.sarif")
	if err := os.WriteFile(in, sarif, 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(tool, "validate", in, "--output", out, "--log", "ForceOverwrite",
		"--rule-kind", "Sarif;Gh")
	// The Multitool is a .NET program; without ICU it must be told to run
	// with invariant globalization.
	cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sarif-multitool: %v\n%s", err, msg)
	}

	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Arguments []string `json:"arguments"`
				} `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, res := range log.Runs[0].Results {
		// A validation result without a level is a warning (SARIF's default).
		if res.Level == "" || res.Level == "error" || res.Level == "warning" {
			problems = append(problems, res.RuleID+": "+strings.Join(res.Message.Arguments, "; "))
		}
	}
	return problems
}
