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

func TestLoadConfigReadsMaxFileSize(t *testing.T) {
	tests := []struct {
		yaml string
		want int64
		err  string
	}{
		{"max_file_size: 1048576\n", 1 << 20, ""},
		{"max_file_size: 32MiB\n", 32 << 20, ""},
		{"max_file_size: 512 KiB\n", 512 << 10, ""},
		{"max_file_size: 1GB\n", 1_000_000_000, ""},
		{"max_file_size: 2gib\n", 2 << 30, ""},
		{"max_file_size: \"4096\"\n", 4096, ""},
		{"timeout: 1m\n", 32 << 20, ""},
		{"max_file_size: 0\n", 0, ".tms.yaml:1:16: max_file_size: 0 is not positive"},
		{"max_file_size: 0MiB\n", 0, `.tms.yaml:1:16: max_file_size: found "0MiB" (expected a size`},
		{"max_file_size: 32 mebibytes\n", 0, `found "32 mebibytes"`},
		{"max_file_size: 99999999EiB\n", 0, `found "99999999EiB"`},
		{"max_file_size: [1]\n", 0, `max_file_size: found`},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".tms.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, err := LoadConfig(path)
			switch {
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			case tt.err == "" && err != nil:
				t.Fatal(err)
			case tt.err == "" && cfg.MaxFileSize != tt.want:
				t.Errorf("MaxFileSize = %d, want %d", cfg.MaxFileSize, tt.want)
			}
		})
	}
}
