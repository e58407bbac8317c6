package npm

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPnpmFormats(t *testing.T) {
	tests := []struct {
		name    string
		files   mapRepo
		want    map[string]string
		wantErr string
	}{
		{name: "v9 peer variants, and a workspace root leaves a member's packages to it", files: mapRepo{
			"package.json": `{"dependencies": {"ui": "^2", "react": "^18"}}`,
			"pnpm-lock.yaml": `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      react: {specifier: ^18, version: 18.2.0}
      ui: {specifier: ^2, version: 2.0.0(react@18.2.0)}
  packages/other:
    dependencies:
      left-pad: {specifier: 1.3.0, version: 1.3.0}
packages:
  react@18.2.0:
    resolution: {integrity: sha512-x}
  ui@2.0.0:
    resolution: {integrity: sha512-y}
  loose-envify@1.4.0:
    resolution: {integrity: sha512-z}
  left-pad@1.3.0:
    resolution: {tarball: https://example.com/left-pad-1.3.0.tgz}
snapshots:
  react@18.2.0:
    dependencies:
      loose-envify: 1.4.0
  ui@2.0.0(react@18.2.0):
    dependencies:
      react: 18.2.0
  loose-envify@1.4.0: {}
  left-pad@1.3.0: {}
`}, want: map[string]string{
			"react": "18.2.0@package.json:1", "ui": "2.0.0@package.json:1",
			"loose-envify": "1.4.0@pnpm-lock.yaml:15",
		}},
		{name: "an unsupported version is reported and the lockfile left aside", files: mapRepo{
			"package.json":   `{"dependencies": {"a": "1.0.0"}}`,
			"pnpm-lock.yaml": "lockfileVersion: 5.4\npackages:\n  /a/1.0.0: {}\n",
		}, want: map[string]string{"a": "1.0.0@package.json:1"},
			wantErr: `pnpm-lock.yaml: lockfile version "5.4" is not supported`},
		{name: "a package key that names no version is reported", files: mapRepo{
			"package.json":   `{"dependencies": {"a": "1.0.0"}}`,
			"pnpm-lock.yaml": "lockfileVersion: '6.0'\npackages:\n  /nonsense: {}\n",
		}, want: map[string]string{"a": "1.0.0@package.json:1"},
			wantErr: "pnpm-lock.yaml line 3: package \"/nonsense\""},
		{name: "a lockfile that is not a mapping", files: mapRepo{
			"package.json":   `{"dependencies": {"a": "1.0.0"}}`,
			"pnpm-lock.yaml": "- a\n- b\n",
		}, want: map[string]string{"a": "1.0.0@package.json:1"},
			wantErr: "pnpm-lock.yaml line 1: lockfile is not a YAML mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := extractMap(t, tt.files)
			if diff := cmp.Diff(tt.want, versions(items)); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
			if tt.wantErr == "" && err != nil ||
				tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("error %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

func FuzzExtractPnpm(f *testing.F) { fuzzLockfile(f, "pnpm-lock.yaml", "pnpm6", "pnpm9") }
