package engine

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// lenientConfig decides medium findings as info three ways at once.
func lenientConfig(overridable ...any) Config {
	cfg := DefaultConfig()
	cfg.LoadedBundles = []Bundle{orgBundle(overridable...)}
	cfg.FailOn, cfg.WarnOn = SeverityCritical, SeverityHigh
	cfg.Actions = map[Severity]Handling{SeverityMedium: HandleLog}
	return cfg
}

func orgActions(t *testing.T, r Report) []Action {
	t.Helper()
	var out []Action
	for _, f := range r.Findings {
		if f.Rule == "ORG-X-001" {
			out = append(out, f.Action)
		}
	}
	if len(out) == 0 {
		t.Fatal("no ORG-X-001 finding")
	}
	return out
}

func TestThresholdsCannotLowerProtectedBundleRules(t *testing.T) {
	report := evaluateExample(t, lenientConfig())

	for _, a := range orgActions(t, report) {
		if a != ActionWarn {
			t.Errorf("protected medium finding decided %s, want warn as by default", a)
		}
	}
	if len(report.Summary.Overrides) != 0 {
		t.Errorf("overrides %+v, want none: nothing was weakened", report.Summary.Overrides)
	}
}

func TestThresholdsLowerOverridableBundleRulesVisibly(t *testing.T) {
	report := evaluateExample(t, lenientConfig("ORG-X-001"))

	actions := orgActions(t, report)
	for _, a := range actions {
		if a != ActionInfo {
			t.Errorf("overridable medium finding decided %s, want info as actions say", a)
		}
	}
	want := []Override{{Rule: "ORG-X-001", Bundle: "org.tar.gz", Kind: "threshold",
		Severity: SeverityMedium, Action: ActionInfo, Setting: "actions.medium: log",
		Findings: len(actions)}}
	if diff := cmp.Diff(want, report.Summary.Overrides); diff != "" {
		t.Errorf("overrides (-want +got):\n%s", diff)
	}
	text := textReport(t, report)
	line := "override ORG-X-001 of bundle org.tar.gz: medium findings decided info by the " +
		"repository (actions.medium: log)"
	if !strings.Contains(text, line) {
		t.Errorf("text report lacks %q:\n%s", line, text)
	}
}

func TestThresholdSettingNamesTheLenientSetting(t *testing.T) {
	cfg := DefaultConfig()
	cfg.FailOn, cfg.WarnOn = SeverityCritical, SeverityHigh
	cfg.Actions = map[Severity]Handling{SeverityLow: HandleLog}
	for sev, want := range map[Severity]string{SeverityHigh: "fail_on: critical",
		SeverityMedium: "warn_on: high", SeverityLow: "actions.low: log"} {
		if got := cfg.thresholdSetting(sev); got != want {
			t.Errorf("thresholdSetting(%s) = %q, want %q", sev, got, want)
		}
	}
}

func TestLowFileSizeLimitIsAnOverride(t *testing.T) {
	cfg := DefaultConfig()
	cfg.LoadedBundles = []Bundle{orgBundle()}
	cfg.MaxFileSize = 10
	report := evaluateExample(t, cfg)

	got := report.Summary.Overrides
	if len(got) != 1 || got[0].Kind != "limit" || got[0].Setting != "max_file_size: 10" ||
		got[0].Files == 0 || got[0].Bundle != "org.tar.gz" {
		t.Fatalf("overrides %+v, want one limit override with unread files", got)
	}
	line := "override max_file_size: 10 for bundle org.tar.gz: "
	if text := textReport(t, report); !strings.Contains(text, line) {
		t.Errorf("text report lacks %q:\n%s", line, text)
	}

	cfg.MaxFileSize = 64 << 20
	if o := evaluateExample(t, cfg).Summary.Overrides; len(o) != 0 {
		t.Errorf("a limit above the default gave overrides %+v", o)
	}
}

func TestNoBundleNoThresholdOverrides(t *testing.T) {
	cfg := lenientConfig()
	cfg.LoadedBundles = nil
	cfg.MaxFileSize = 10
	report := evaluateExample(t, cfg)
	if diff := cmp.Diff([]Override(nil), report.Summary.Overrides, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("overrides without a bundle (-want +got):\n%s", diff)
	}
}

func textReport(t *testing.T, r Report) string {
	t.Helper()
	var b strings.Builder
	if err := WriteReport(&b, "text", r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
