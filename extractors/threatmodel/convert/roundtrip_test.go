package convert

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

var ignoreLocation = cmpopts.IgnoreTypes(extractors.Location{})

// TestOTMRoundTrip exports a tms model as OTM and imports it back: threats,
// mitigations and acceptances come back as they left, except what the
// import may not take over without a person and evidence, and what OTM
// cannot hold (components, boundaries, a second acceptance of a threat),
// each of which is reported.
func TestOTMRoundTrip(t *testing.T) {
	m, err := threatmodel.Load("testdata/roundtrip/threat-model.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, skipped, err := ExportOTM(m, "orders")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/roundtrip/threat-model.otm.json", data)

	back, unmapped, err := ImportOTM(data, "threat-model.otm.json")
	if err != nil {
		t.Fatal(err)
	}
	checkModel(t, back)
	checkGolden(t, "testdata/roundtrip/threat-model.report",
		append(reportText(skipped), reportText(unmapped)...))

	if diff := cmp.Diff(m.Threats, back.Threats, ignoreLocation); diff != "" {
		t.Errorf("threats (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantMitigations(m), back.Mitigations, ignoreLocation); diff != "" {
		t.Errorf("mitigations (-want +got):\n%s", diff)
	}
	byID := cmpopts.SortSlices(func(a, b threatmodel.Acceptance) bool { return a.ID < b.ID })
	if diff := cmp.Diff(wantAcceptances(m), back.Acceptances, ignoreLocation, byID); diff != "" {
		t.Errorf("acceptances (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantSurface(m), back.Surface, ignoreLocation); diff != "" {
		t.Errorf("surface (-want +got):\n%s", diff)
	}
	if len(back.Components) != 0 || len(back.Boundaries) != 0 {
		t.Errorf("tms surface came back as components %v or boundaries %v",
			back.Components, back.Boundaries)
	}
}

// wantMitigations: M-003 is implemented but answers only an unreviewed
// threat, so the OTM names no person for it and it comes back proposed.
func wantMitigations(m *threatmodel.Model) []threatmodel.Mitigation {
	want := slices.Clone(m.Mitigations)
	for i := range want {
		if want[i].ID == "M-003" {
			want[i].Status = "proposed"
		}
	}
	return want
}

// wantAcceptances: OTM attributes hold one acceptance per threat, so the
// later of T-002's two stays behind.
func wantAcceptances(m *threatmodel.Model) []threatmodel.Acceptance {
	return slices.DeleteFunc(slices.Clone(m.Acceptances), func(a threatmodel.Acceptance) bool {
		return a.ID == "A-002"
	})
}

// wantSurface: imported surface is unreviewed, except what tms recorded as
// removed.
func wantSurface(m *threatmodel.Model) []threatmodel.SurfaceEntry {
	var want []threatmodel.SurfaceEntry
	for _, s := range m.Surface {
		if s.Status != "removed" {
			s.Status = "unreviewed"
		}
		s.ReviewedBy = ""
		want = append(want, s)
	}
	return want
}

// TestOTMExportAttachesInstances checks what other OTM readers see: each
// threat on the components its globs match, with the mitigations that
// answer it there and IriusRisk's states.
func TestOTMExportAttachesInstances(t *testing.T) {
	m, err := threatmodel.Load("testdata/roundtrip/threat-model.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := ExportOTM(m, "orders")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"threat": "T-001",` + "\n" + `          "state": "mitigate"`,
		`"threat": "T-002",` + "\n" + `          "state": "accept"`,
		`"mitigation": "M-002",` + "\n" + `              "state": "required"`,
		`"trustZone": "tms-public"`,
		`"trustZone": "tms-unknown"`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("export lacks %s", want)
		}
	}
}

// TestOTMExportReportsUnlistedAcceptance: an acceptance of surface the
// model does not list has no element to travel on, and is reported.
func TestOTMExportReportsUnlistedAcceptance(t *testing.T) {
	m := threatmodel.New()
	m.Acceptances = append(m.Acceptances, threatmodel.Acceptance{
		ID: "A-1", Surface: "container.port:Dockerfile#22/tcp", Reason: "r", ApprovedBy: "ana",
		Location: extractors.Location{Path: "threat-model.yaml", Line: 7},
	})
	_, skipped, err := ExportOTM(m, "p")
	if err != nil {
		t.Fatal(err)
	}
	want := `threat-model.yaml:7: acceptance "A-1": accepts surface ` +
		`"container.port:Dockerfile#22/tcp", which the model does not list, and OTM carries ` +
		"an acceptance on the element; not exported\n"
	if got := string(reportText(skipped)); got != want {
		t.Errorf("report:\n got %s\nwant %s", got, want)
	}
}
