package convert

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// checkGolden compares got with the golden file at path, or rewrites the
// file when the test runs with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (go test -update creates it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// written is the model as threatmodel.Write saves it, which also checks
// that it loads back.
func written(t *testing.T, m *threatmodel.Model) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "threat-model.yaml")
	if err := threatmodel.Write(path, m, ""); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// reportText is the report as the command line prints it, one per line.
func reportText(unmapped []Unmapped) []byte {
	var b strings.Builder
	for _, u := range unmapped {
		b.WriteString(u.String() + "\n")
	}
	return []byte(b.String())
}

// checkModel checks what every import must hold whatever its input: ids
// set and unique, titles set, values from tms's vocabularies, valid globs,
// references that resolve, and nothing approved without a person and
// evidence.
func checkModel(t testing.TB, m *threatmodel.Model) {
	t.Helper()
	ids := map[string]bool{}
	unique := func(section, id string) {
		if id == "" || ids[section+"\x00"+id] {
			t.Errorf("%s: id %q empty or repeated", section, id)
		}
		ids[section+"\x00"+id] = true
	}
	for _, c := range m.Components {
		unique("components", c.ID)
		checkGlobs(t, c.ID, c.Surface)
	}
	for _, b := range m.Boundaries {
		unique("boundaries", b.ID)
		checkGlobs(t, b.ID, b.CrossedBy)
	}
	for _, s := range m.Surface {
		unique("surface", s.ID)
		if (s.Status != "unreviewed" && s.Status != "removed") || s.ReviewedBy != "" {
			t.Errorf("surface %q imported as %s by %q", s.ID, s.Status, s.ReviewedBy)
		}
	}
	for _, th := range m.Threats {
		unique("threats", th.ID)
		checkThreat(t, th)
	}
	for _, mit := range m.Mitigations {
		unique("mitigations", mit.ID)
		checkMitigation(t, mit, ids)
	}
	for _, a := range m.Acceptances {
		unique("acceptances", a.ID)
		if a.ApprovedBy == "" || a.Reason == "" || (a.Threat == "") == (a.Surface == "") {
			t.Errorf("acceptance %+v without an approver, a reason or exactly one subject", a)
		}
		if a.Threat != "" && !ids["threats\x00"+a.Threat] {
			t.Errorf("acceptance %q names unknown threat %q", a.ID, a.Threat)
		}
	}
}

func checkThreat(t testing.TB, th threatmodel.Threat) {
	t.Helper()
	if th.Title == "" {
		t.Errorf("threat %q has no title", th.ID)
	}
	if th.Severity != "" && !slices.Contains(severities, th.Severity) {
		t.Errorf("threat %q severity %q", th.ID, th.Severity)
	}
	for _, s := range th.Stride {
		if _, ok := strideOTMName[s]; !ok {
			t.Errorf("threat %q stride %q", th.ID, s)
		}
	}
	if th.Status == "reviewed" && th.ReviewedBy == "" {
		t.Errorf("threat %q reviewed by nobody", th.ID)
	}
	checkGlobs(t, th.ID, th.AppliesTo)
}

func checkMitigation(t testing.TB, mit threatmodel.Mitigation, ids map[string]bool) {
	t.Helper()
	if mit.Title == "" {
		t.Errorf("mitigation %q has no title", mit.ID)
	}
	if _, ok := statusRank[mit.Status]; !ok {
		t.Errorf("mitigation %q status %q", mit.ID, mit.Status)
	}
	if mit.Status == "implemented" && len(mit.Evidence) == 0 {
		t.Errorf("mitigation %q implemented without evidence", mit.ID)
	}
	for _, id := range mit.Mitigates {
		if !ids["threats\x00"+id] {
			t.Errorf("mitigation %q answers unknown threat %q", mit.ID, id)
		}
	}
	checkGlobs(t, mit.ID, mit.Covers)
	checkGlobs(t, mit.ID, mit.Evidence)
}

func checkGlobs(t testing.TB, owner string, globs []string) {
	t.Helper()
	for _, g := range globs {
		if g == "" || !doublestar.ValidatePattern(g) {
			t.Errorf("%s: invalid glob %q", owner, g)
		}
	}
}
