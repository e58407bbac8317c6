package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadConfigReadsExcludeGlobsAndReasons(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []ExcludeGlob
		err  string
	}{
		{"plain globs", `exclude: ["testdata/**"]`, []ExcludeGlob{{Glob: "testdata/**"}}, ""},
		{"globs with a reason",
			"exclude:\n  - testdata/**\n  - {paths: [gen/**, \"*.pb.go\"], reason: generated}\n",
			[]ExcludeGlob{{Glob: "testdata/**"}, {Glob: "gen/**", Reason: "generated"},
				{Glob: "*.pb.go", Reason: "generated"}}, ""},
		{"missing reason", "exclude:\n  - {paths: [gen/**]}\n", nil,
			".tms.yaml:2:5: exclude[0].reason: missing (required)"},
		{"blank reason", "exclude:\n  - {paths: [gen/**], reason: \"  \"}\n", nil,
			`.tms.yaml:2:31: exclude[0].reason: "  " is blank (expected a reason a reviewer can read)`},
		{"not a glob", "exclude: [\"a/[\"]\n", nil,
			`.tms.yaml:1:11: exclude[0]: "a/[" is not a valid glob`},
		{"a number", "exclude: [3]\n", nil,
			`.tms.yaml:1:11: exclude[0]: found "3" (expected a glob, or a mapping of paths and a reason)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".tms.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, err := LoadConfig(path)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, cfg.Exclude); diff != "" {
				t.Errorf("exclude (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadConfigRefusesDisablingWithoutAReason(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		err  string // "" when the config loads
	}{
		{"a reason", "rules:\n  TMS-X-001: {disabled: true, reason: replaced}\n", ""},
		{"no reason", "rules:\n  TMS-X-001: {disabled: true}\n",
			".tms.yaml:2:3: rules.TMS-X-001: a disabled rule needs a reason"},
		{"an empty reason", "rules:\n  TMS-X-001: {disabled: true, reason: \"\"}\n",
			".tms.yaml:2:3: rules.TMS-X-001: a disabled rule needs a reason"},
		{"a reason of blanks", "rules:\n  TMS-X-001: {disabled: true, reason: \"  \\t\"}\n",
			".tms.yaml:2:3: rules.TMS-X-001: a disabled rule needs a reason"},
		{"a blank exemption reason", "exemptions:\n  - {paths: [a/**], reason: \" \"}\n",
			`exemptions[0].reason: " " is blank`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".tms.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := LoadConfig(path)
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("config refused: %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
}
