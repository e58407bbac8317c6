package npm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors/extractortest"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

// dep builds an expected item of a package.json that a lockfile covers from
// its attributes. want lists them in the order version, constraint, scope,
// source, pinned, integrity (also hash).
func dep(name string, direct bool, at extractors.Location, want ...any) extractors.Item {
	return extractors.Item{
		ID: "dependency:package.json#" + name, Kind: "dependency", Name: name,
		Exposure: extractors.ExposureInternal, Location: at,
		Attributes: map[string]any{
			"ecosystem": "npm", "name": name, "direct": direct,
			"version": want[0], "constraint": want[1], "scope": want[2],
			"source": want[3], "pinned": want[4], "integrity": want[5], "hash": want[5],
			"locked": true,
		},
	}
}

// unlocked is an expected item of a package.json that no lockfile covers.
func unlocked(it extractors.Item) extractors.Item {
	it.Attributes["locked"] = false
	return it
}

func pkg(line int) extractors.Location {
	return extractors.Location{Path: "package.json", Line: line}
}

func lock(line int) extractors.Location {
	return extractors.Location{Path: "package-lock.json", Line: line}
}

const sha = "0123456789abcdef0123456789abcdef01234567"

func TestExtract(t *testing.T) {
	tests := []struct {
		dir      string
		want     []extractors.Item
		wantLine int    // line of the returned error: 0 for none, -1 for no line
		wantErr  string // text the error must contain
	}{
		{dir: "v3", want: []extractors.Item{
			dep("accepts", false, lock(14), "1.3.8", "", "prod", "registry", true, true),
			dep("debug", false, lock(33), "4.3.4", "", "dev", "registry", true, true),
			dep("evil-tarball", false, lock(70), "0.0.1", "", "prod", "url", true, false),
			dep("express", true, pkg(6), "4.19.2", "^4.19.2", "prod", "registry", true, true),
			dep("fsevents", true, pkg(19), "2.3.3", "^2.3.3", "optional", "registry", true, true),
			dep("left-pad", true, pkg(7), "1.3.0", "1.3.0", "prod", "registry", true, false),
			dep("local-utils", true, pkg(12), "", "file:../utils", "prod", "path", false, false),
			dep("my-lodash", true, pkg(8),
				"4.17.21", "npm:lodash@^4.17.21", "prod", "alias", true, true),
			dep("private-lib", true, pkg(10), "1.2.0",
				"git+ssh://git@github.com/acme/private-lib.git#v1.2.0", "prod", "git", true, false),
			dep("react", true, pkg(22), "", ">=18", "peer", "registry", false, false),
			dep("shared", true, pkg(9), "0.3.0", "workspace:*", "prod", "path", true, false),
			dep("tarball", true, pkg(11), "1.0.0",
				"https://example.com/tarball-1.0.0.tgz", "prod", "url", true, true),
			dep("typescript", true, pkg(15), "5.4.5", "~5.4.0", "dev", "registry", true, true),
		}},
		{dir: "v1", want: []extractors.Item{
			dep("aliased", true, pkg(5), "npm:left-pad@1.3.0", "npm:left-pad@1.3.0",
				"prod", "alias", true, true),
			dep("debug", false, lock(23), "3.1.0", "", "dev", "registry", true, true),
			dep("file-dep", false, lock(41), "file:../file-dep", "", "prod", "path", false, false),
			dep("gh-dep", true, pkg(6), "github:acme/gh-dep#"+sha, "acme/gh-dep#"+sha,
				"prod", "git", true, false),
			dep("mocha", true, pkg(9), "5.2.0", "^5.0.0", "dev", "registry", true, true),
			dep("request", true, pkg(4), "2.88.2", "^2.88.0", "prod", "registry", true, true),
			dep("uuid", false, lock(37), "3.4.0", "", "prod", "registry", true, false),
		}},
		{dir: "nolock", wantLine: 6, wantErr: "bad is not a string", want: []extractors.Item{
			unlocked(dep("aliased", true, pkg(9), "1.3.0", "npm:left-pad@v1.3.0", "prod", "alias",
				true, false)),
			unlocked(dep("axios", true, pkg(8), "1.9.0", "1.9.0", "prod", "registry", true, false)),
			unlocked(dep("exact", true, pkg(4), "2.0.1", "=2.0.1", "prod", "registry", true, false)),
			unlocked(dep("gh", true, pkg(7), "", "github:acme/gh", "prod", "git", false, false)),
			unlocked(dep("ranged", true, pkg(5), "", "^2", "prod", "registry", false, false)),
		}},
		{dir: "broken", wantLine: 5, wantErr: "invalid character"},
		{dir: "badlock", wantLine: 6, wantErr: "package-lock.json line 6:",
			want: []extractors.Item{
				dep("a", true, pkg(3), "1.0.0", "1.0.0", "prod", "registry", true, false),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			got, err := extractDir(t, filepath.Join("testdata", tt.dir))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if line := extractortest.ErrorLine(err); line != tt.wantLine {
				t.Errorf("error %v at line %d, want line %d", err, line, tt.wantLine)
			}
			if err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not say %q", err, tt.wantErr)
			}
		})
	}
}

func extractDir(t testing.TB, dir string) ([]extractors.Item, error) {
	t.Helper()
	content, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	f := extractors.File{Path: "package.json", Content: content}
	return New().Extract(f, extractortest.DirRepo(dir))
}

// TestLocked checks what TMS-DEP-002 reads: whether any lockfile, even one
// that cannot be read, fixes what package.json's ranges install.
func TestLocked(t *testing.T) {
	manifest := `{"dependencies": {"express": "^4.19.2"}}`
	tests := []struct {
		name  string
		files mapRepo
		want  bool
	}{
		{"no lockfile", mapRepo{}, false},
		{"package-lock.json", mapRepo{"package-lock.json": `{"packages": {}}`}, true},
		{"npm-shrinkwrap.json", mapRepo{"npm-shrinkwrap.json": `{"packages": {}}`}, true},
		{"yarn.lock", mapRepo{"yarn.lock": "express@^4.19.2:\n  version \"4.19.2\"\n"}, true},
		{"pnpm-lock.yaml", mapRepo{"pnpm-lock.yaml": "lockfileVersion: '9.0'\n"}, true},
		{"a lockfile that cannot be read", mapRepo{"package-lock.json": "{"}, true},
		{"a lockfile in another folder", mapRepo{"web/package-lock.json": "{}"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.files["package.json"] = manifest
			items, _ := extractMap(t, tt.files)
			if len(items) != 1 {
				t.Fatalf("got %d items, want express alone: %+v", len(items), items)
			}
			if got := items[0].Attributes["locked"]; got != tt.want {
				t.Errorf("locked = %v, want %v", got, tt.want)
			}
		})
	}
}
