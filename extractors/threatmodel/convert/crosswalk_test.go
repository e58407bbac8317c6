package convert

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// importOne imports a document that must convert without error.
func importOne(t *testing.T, doc string) (*threatmodel.Model, string) {
	t.Helper()
	m, unmapped, err := Import([]byte(doc), "model")
	if err != nil {
		t.Fatalf("Import: %v\n%s", err, doc)
	}
	checkModel(t, m)
	return m, string(reportText(unmapped))
}

// otmDoc is one component with one threat instance carrying one mitigation
// instance, with attributes on the threat and the mitigation.
func otmDoc(threatState, mitigationState, threatAttrs, mitigationAttrs string) string {
	return fmt.Sprintf(`otmVersion: 0.2.0
project: {name: p, id: p}
trustZones: []
components:
  - id: api
    name: API
    type: web-service
    threats:
      - threat: T1
        state: %q
        mitigations:
          - {mitigation: M1, state: %q}
dataflows: []
threats:
  - id: T1
    name: Threat one
    categories: [Spoofing]
    risk: {likelihood: 50, impact: 50}
    attributes: {%s}
mitigations:
  - id: M1
    name: Mitigation one
    riskReduction: 50
    attributes: {%s}
`, threatState, mitigationState, threatAttrs, mitigationAttrs)
}

// TestOTMMitigationCrosswalk: IriusRisk's countermeasure states, and the
// rule that "implemented" needs evidence and a person.
func TestOTMMitigationCrosswalk(t *testing.T) {
	const person = `"tms.status": reviewed, "tms.reviewed_by": ana`
	const evidence = `"tms.evidence": "src/authn.go"`
	tests := []struct {
		state, threatAttrs, mitigationAttrs string
		want                                string // mitigation status; "" when not imported
		report                              string
	}{
		{"recommended", "", "", "proposed", ""},
		{"Required", "", "", "planned", ""},
		{"required", person, evidence, "planned", ""},
		{"implemented", "", "", "proposed", "no evidence in the repository"},
		{"implemented", person, "", "proposed", "names no evidence"},
		{"implemented", "", evidence, "proposed", "names no person"},
		{"implemented", person, evidence, "implemented", ""},
		{"rejected", "", "", "", "turned down in the source"},
		{"not-applicable", "", "", "", "turned down in the source"},
		{"in-review", "", "", "proposed", `"in-review" on component "api" is not one tms knows`},
		{"implemented", person, evidence + `, "tms.status": planned`, "planned", ""},
	}
	for _, tt := range tests {
		name := tt.state + "/" + tt.threatAttrs + "/" + tt.mitigationAttrs
		t.Run(name, func(t *testing.T) {
			m, report := importOne(t, otmDoc("expose", tt.state, tt.threatAttrs, tt.mitigationAttrs))
			got := ""
			if len(m.Mitigations) == 1 {
				got = m.Mitigations[0].Status
			}
			if got != tt.want {
				t.Errorf("status %q, want %q", got, tt.want)
			}
			checkReport(t, report, tt.report)
		})
	}
}

// TestOTMThreatStateCrosswalk: no threat state is taken over by itself.
func TestOTMThreatStateCrosswalk(t *testing.T) {
	tests := []struct{ state, report string }{
		{"expose", ""},
		{"Exposed", ""},
		{"mitigated", `state "mitigated" in the source, but no mitigation`},
		{"partly-mitigate", `state "partly-mitigate" in the source`},
		{"accept", `names no approver; not imported as an acceptance`},
		{"na", `has no tms equivalent`},
		{"hidden", `has no tms equivalent`},
		{"", `state "" is not one tms knows`},
	}
	for _, tt := range tests {
		t.Run(tt.state, func(t *testing.T) {
			m, report := importOne(t, otmDoc(tt.state, "recommended", "", ""))
			if th := m.Threats[0]; th.Status != "unreviewed" || len(m.Acceptances) != 0 {
				t.Errorf("threat %s with %d acceptances", th.Status, len(m.Acceptances))
			}
			checkReport(t, report, tt.report)
		})
	}
}

// TestOTMAcceptance: an acceptance needs an approver and a reason.
func TestOTMAcceptance(t *testing.T) {
	tests := []struct {
		attrs  string
		want   []threatmodel.Acceptance
		report string
	}{
		{`"tms.acceptance.approved_by": ana, "tms.acceptance.reason": Low traffic,` +
			` "tms.acceptance.expires": "2026-09-30"`,
			[]threatmodel.Acceptance{{ID: "A-T1", Threat: "T1", Reason: "Low traffic",
				ApprovedBy: "ana", Expires: "2026-09-30"}}, ""},
		{`"tms.acceptance.reason": Low traffic`, nil, "without an approver and a reason"},
		{`"tms.acceptance.approved_by": ana, "tms.acceptance.reason": r,` +
			` "tms.acceptance.expires": "2026-02-30"`,
			[]threatmodel.Acceptance{{ID: "A-T1", Threat: "T1", Reason: "r", ApprovedBy: "ana"}},
			`expiry "2026-02-30" is not a date`},
	}
	for _, tt := range tests {
		m, report := importOne(t, otmDoc("accept", "recommended", tt.attrs, ""))
		diff := cmp.Diff(tt.want, m.Acceptances, ignoreLocation, cmpopts.EquateEmpty())
		if diff != "" {
			t.Errorf("%s: acceptances (-want +got):\n%s", tt.attrs, diff)
		}
		checkReport(t, report, tt.report)
	}
}

// TestOTMControl: a control tms checks comes back on its mitigation; one
// tms does not know is reported and left out, since the model would not
// load with it.
func TestOTMControl(t *testing.T) {
	tests := []struct{ attrs, want, report string }{
		{`"tms.control": tls`, "tls", ""},
		{`"tms.control": laser-grid`, "", `tms.control "laser-grid" is not a control tms checks; ignored`},
		{``, "", ""},
	}
	for _, tt := range tests {
		m, report := importOne(t, otmDoc("expose", "recommended", "", tt.attrs))
		if len(m.Mitigations) != 1 || m.Mitigations[0].Control != tt.want {
			t.Errorf("%s: mitigations %+v, want control %q", tt.attrs, m.Mitigations, tt.want)
		}
		checkReport(t, report, tt.report)
	}
}

// TestOTMSeverity: the impact bands, and the severity the export wrote.
func TestOTMSeverity(t *testing.T) {
	tests := []struct {
		impact float64
		want   string
	}{
		{100, "critical"}, {87.5, "critical"}, {87, "high"}, {75, "high"}, {62.5, "high"},
		{62, "medium"}, {50, "medium"}, {37.5, "medium"}, {37, "low"}, {25, "low"},
		{12.5, "low"}, {12, "info"}, {0, "info"},
	}
	for _, tt := range tests {
		if got := otmImpactSeverity(tt.impact); got != tt.want {
			t.Errorf("impact %v: %q, want %q", tt.impact, got, tt.want)
		}
	}
	for severity, impact := range otmSeverityImpact {
		if got := otmImpactSeverity(impact); got != severity {
			t.Errorf("the export writes %s as %v, which reads back as %s", severity, impact, got)
		}
	}

	m, report := importOne(t, otmDoc("expose", "recommended", `"tms.severity": ""`, ""))
	if m.Threats[0].Severity != "" || report != "" {
		t.Errorf("an explicitly unset severity came back as %q, report %q",
			m.Threats[0].Severity, report)
	}
}

// TestStrideNames: how tools spell STRIDE categories.
func TestStrideNames(t *testing.T) {
	tests := map[string]string{
		"Spoofing":                "spoofing",
		"TAMPERING":               "tampering",
		"Information Disclosure":  "information_disclosure",
		"information-disclosure":  "information_disclosure",
		"Denial of service":       "denial_of_service",
		"elevation_of_privilege":  "elevation_of_privilege",
		"Elevation of Privileges": "elevation_of_privilege",
		"Repudiation":             "repudiation",
		"Linkability":             "",
		"Confidentiality":         "",
	}
	for name, want := range tests {
		if got := strideByName[key(name)]; got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
}

// TestThreatDragonCrosswalk: statuses and severities; nothing Threat Dragon
// says makes a mitigation more than proposed.
func TestThreatDragonCrosswalk(t *testing.T) {
	tests := []struct {
		status, severity, mitigation string
		wantSeverity                 string
		mitigations                  int
		report                       string
	}{
		{"Open", "High", "Use TLS", "high", 1, ""},
		{"Open", "Critical", "", "critical", 0, ""},
		{"Mitigated", "Medium", "Use TLS", "medium", 1, "its mitigation is imported as proposed"},
		{"Mitigated", "Low", "", "low", 0, "without a mitigation text"},
		{"NotApplicable", "Low", "", "low", 0, "not imported as an acceptance"},
		{"N/A", "TBD", "", "", 0, `severity "TBD" is not one tms maps`},
		{"Closed", "Medium", "", "medium", 0, `status "Closed" is not a Threat Dragon status`},
	}
	for _, tt := range tests {
		t.Run(tt.status+"/"+tt.severity, func(t *testing.T) {
			doc := fmt.Sprintf(`{"version": "2.2.0", "summary": {"title": "t"},
  "detail": {"diagrams": [{"title": "d", "cells": [
    {"id": "p1", "shape": "process", "data": {"type": "tm.Process", "name": "API",
      "threats": [{"id": "t1", "title": "Spoofed caller", "type": "Spoofing",
        "status": %q, "severity": %q, "mitigation": %q}]}}]}]}}`,
				tt.status, tt.severity, tt.mitigation)
			m, report := importOne(t, doc)
			th := m.Threats[0]
			if th.Status != "unreviewed" || th.Severity != tt.wantSeverity {
				t.Errorf("threat %s severity %q, want unreviewed %q", th.Status, th.Severity,
					tt.wantSeverity)
			}
			if len(m.Mitigations) != tt.mitigations ||
				(tt.mitigations > 0 && m.Mitigations[0].Status != "proposed") {
				t.Errorf("mitigations %+v", m.Mitigations)
			}
			checkReport(t, report, tt.report)
		})
	}
}

// TestThreagileCrosswalk: risk tracking statuses and severities.
func TestThreagileCrosswalk(t *testing.T) {
	tests := []struct {
		severity, tracking string
		wantSeverity       string
		mitigation         string // status of the mitigation; "" for none
		accepted           bool
		report             string
	}{
		{"elevated", "{status: unchecked}", "high", "", false, ""},
		{"low", "{status: in-discussion, checked_by: Ana}", "low", "", false, ""},
		{"medium", "{status: in-progress, justification: Fixing}", "medium", "planned", false, ""},
		{"high", "{status: mitigated, checked_by: Ana, justification: Done}", "high",
			"proposed", false, "names no evidence in the repository"},
		{"critical", "{status: accepted, checked_by: Ana, justification: Internal only}",
			"critical", "", true, "without an expiry date"},
		{"critical", "{status: accepted, justification: Internal only}", "critical", "", false,
			"without checked_by and a justification"},
		{"low", "{status: false-positive, checked_by: Ana, justification: No such path}",
			"low", "", true, "false-positive in Threagile by Ana"},
		{"low", "{status: false-positive, checked_by: Ana}", "low", "", false,
			"without checked_by and a justification"},
		{"urgent", "{status: wontfix}", "", "", false, `status "wontfix" is not one`},
	}
	for _, tt := range tests {
		t.Run(tt.severity+tt.tracking, func(t *testing.T) {
			doc := fmt.Sprintf(`technical_assets:
  API:
    id: api
    internet: true
individual_risk_categories:
  Weak Sessions:
    id: weak-sessions
    stride: spoofing
    action: Rotate session ids
    risks_identified:
      Weak sessions at API:
        severity: %s
        most_relevant_technical_asset: api
risk_tracking:
  weak-sessions@api: %s
`, tt.severity, tt.tracking)
			m, report := importOne(t, doc)
			if got := m.Threats[0].Severity; got != tt.wantSeverity {
				t.Errorf("severity %q, want %q", got, tt.wantSeverity)
			}
			gotMitigation := ""
			if len(m.Mitigations) == 1 {
				gotMitigation = m.Mitigations[0].Status
			}
			if gotMitigation != tt.mitigation || (len(m.Acceptances) == 1) != tt.accepted {
				t.Errorf("mitigations %+v acceptances %+v", m.Mitigations, m.Acceptances)
			}
			checkReport(t, report, tt.report)
		})
	}
}

// checkReport checks that the report says want, or is empty when want is.
func checkReport(t *testing.T, report, want string) {
	t.Helper()
	if want == "" && report != "" {
		t.Errorf("unexpected report:\n%s", report)
	}
	if want != "" && !strings.Contains(report, want) {
		t.Errorf("report lacks %q:\n%s", want, report)
	}
}

// TestOTMDanglingReferences: a component whose parent the document lacks,
// and a dataflow to a component it lacks, are imported as surface, and the
// boundary tms cannot place for them is reported.
func TestOTMDanglingReferences(t *testing.T) {
	doc := `otmVersion: 0.2.0
project: {name: p, id: p}
trustZones:
  - {id: internet, name: Internet, risk: {trustRating: 1}}
components:
  - {id: web, name: Web, parent: {trustZone: internet}}
  - {id: api, name: API, parent: {trustZone: cloud}}
  - {id: worker, name: Worker, parent: {component: queue}}
dataflows:
  - {id: f1, source: web, destination: db}
  - {id: f2, source: web, destination: api}
`
	m, report := importOne(t, doc)
	want := []string{
		`model:7: component "api": parent trust zone "cloud" is not in the document; ` +
			"the component is imported in no trust zone, so its dataflows mark no trust boundary",
		`model:8: component "worker": parent component "queue" is not in the document; ` +
			"the component is imported in no trust zone, so its dataflows mark no trust boundary",
		`model:10: dataflow "f1": destination "db" is not a component in the document; ` +
			"the dataflow is imported as surface but marks no trust boundary",
	}
	for _, w := range want {
		if !strings.Contains(report, w+"\n") {
			t.Errorf("report lacks\n%s\ngot\n%s", w, report)
		}
	}
	if strings.Contains(report, `"f2"`) || strings.Contains(report, `"web"`) {
		t.Errorf("a flow or component whose references hold was reported:\n%s", report)
	}
	if len(m.Surface) != 5 || len(m.Boundaries) != 0 {
		t.Errorf("surface %d, boundaries %v; want 5 entries and no boundary", len(m.Surface), m.Boundaries)
	}
}
