package npm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

func at(p string, line int) extractors.Location {
	return extractors.Location{Path: p, Line: line}
}

// declared are the direct dependencies of the yarn and pnpm fixtures, which
// share one package.json; localVersion is what the lockfile says of the
// file: dependency, whose folder lies outside the repository and so is not
// pinned whatever its version.
func declared(localVersion string) []extractors.Item {
	return []extractors.Item{
		dep("debug", true, pkg(12), "4.3.4", "^4.3.4", "dev", "registry", true, true),
		dep("express", true, pkg(5), "4.19.2", "^4.19.2", "prod", "registry", true, true),
		dep("fsevents", true, pkg(15), "2.3.3", "^2.3.3", "optional", "registry", true, true),
		dep("local-utils", true, pkg(7), localVersion, "file:../utils", "prod", "path",
			false, false),
		dep("my-lodash", true, pkg(6), "4.17.21", "npm:lodash@^4.17.21", "prod", "alias",
			true, true),
		dep("private-lib", true, pkg(8), "1.2.0",
			"git+ssh://git@github.com/acme/private-lib.git#v1.2.0", "prod", "git", true, false),
		dep("typescript", true, pkg(11), "5.4.5", "~5.4.0", "dev", "registry", true, true),
	}
}

// transitive are the packages only the lockfile names, at their lines.
func transitive(lockPath string, ms, pathToRegexp int) []extractors.Item {
	return []extractors.Item{
		dep("ms", false, at(lockPath, ms), "2.0.0", "", "prod", "registry", true, true),
		dep("path-to-regexp", false, at(lockPath, pathToRegexp), "0.1.7", "", "prod",
			"registry", true, true),
	}
}

func sorted(items ...[]extractors.Item) []extractors.Item {
	var all []extractors.Item
	for _, list := range items {
		all = append(all, list...)
	}
	sortItems(all)
	return all
}

func sortItems(items []extractors.Item) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].ID < items[j-1].ID; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

func TestYarnAndPnpmFixtures(t *testing.T) {
	tests := []struct {
		dir  string
		want []extractors.Item
	}{
		{"yarn1", sorted(declared("0.3.0"), transitive("yarn.lock", 35, 50))},
		{"berry", sorted(declared("0.3.0"), transitive("yarn.lock", 55, 76))},
		{"pnpm6", sorted(declared("0.3.0"), transitive("pnpm-lock.yaml", 74, 82))},
		{"pnpm9", sorted(declared("file:../utils"), transitive("pnpm-lock.yaml", 64, 70))},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			got, err := extractDir(t, filepath.Join("testdata", tt.dir))
			if err != nil {
				t.Errorf("unexpected error: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestYarnFormats(t *testing.T) {
	tests := []struct {
		name    string
		files   mapRepo
		want    map[string]string
		scopes  map[string]string
		wantErr string
	}{
		{name: "several descriptors share an entry, CRLF and comments", files: mapRepo{
			"package.json": `{"dependencies": {"a": "^1.1.0"}}`,
			"yarn.lock": "# yarn lockfile v1\r\n\r\n\"a@^1.0.0\", a@^1.1.0:\r\n" +
				"  version \"1.2.0\"\r\n  # a comment\r\n  dependencies:\r\n    b \"~2\"\r\n\r\n" +
				"b@~2:\r\n  version \"2.0.1\"\r\n",
		}, want: map[string]string{"a": "1.2.0@package.json:1", "b": "2.0.1@yarn.lock:9"},
			scopes: map[string]string{"a": "prod", "b": "prod"}},
		{name: "what only dev or optional dependencies reach says so", files: mapRepo{
			"package.json": `{"devDependencies": {"a": "1"}, "optionalDependencies": {"o": "1"}}`,
			"yarn.lock": "a@1:\n  version \"1.0.0\"\n  dependencies:\n    b \"1\"\n" +
				"b@1:\n  version \"1.0.0\"\no@1:\n  version \"1.0.0\"\n  dependencies:\n" +
				"    c \"1\"\nc@1:\n  version \"1.0.0\"\norphan@1:\n  version \"1.0.0\"\n",
		}, want: map[string]string{
			"a": "1.0.0@package.json:1", "b": "1.0.0@yarn.lock:5", "o": "1.0.0@package.json:1",
			"c": "1.0.0@yarn.lock:11", "orphan": "1.0.0@yarn.lock:13",
		}, scopes: map[string]string{
			"a": "dev", "b": "dev", "o": "optional", "c": "optional", "orphan": "prod",
		}},
		{name: "a malformed v1 line is reported at its lockfile line", files: mapRepo{
			"package.json": `{"dependencies": {"a": "1"}}`,
			"yarn.lock":    "a@1:\n  version \"1.0.0\"\n  broken\nno-range:\n",
		}, want: map[string]string{"a": "1.0.0@package.json:1"},
			scopes:  map[string]string{"a": "prod"},
			wantErr: "yarn.lock line 3: field \"broken\" has no value"},
		{name: "broken Berry YAML is reported at its lockfile line", files: mapRepo{
			"package.json": `{"dependencies": {"a": "1"}}`,
			"yarn.lock":    "__metadata:\n  version: 8\n\"a@npm:1\":\n  version: [1\n",
		}, want: map[string]string{"a": "@package.json:1"},
			scopes: map[string]string{"a": "prod"}, wantErr: "yarn.lock line 4:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := extractMap(t, tt.files)
			if diff := cmp.Diff(tt.want, versions(items)); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
			scopes := map[string]string{}
			for _, it := range items {
				scopes[it.Name] = it.Attributes["scope"].(string)
			}
			if diff := cmp.Diff(tt.scopes, scopes); diff != "" {
				t.Errorf("scopes (-want +got):\n%s", diff)
			}
			if tt.wantErr == "" && err != nil ||
				tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("error %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

// fuzzLockfile fuzzes package.json with one lockfile, seeded from the
// fixture folders that have it.
func fuzzLockfile(f *testing.F, lockName string, dirs ...string) {
	for _, d := range dirs {
		dir := filepath.Join("testdata", d)
		f.Add(string(readFile(f, dir, "package.json")), string(readFile(f, dir, lockName)))
	}
	f.Fuzz(func(t *testing.T, manifest, lock string) {
		files := mapRepo{"package.json": manifest, lockName: lock}
		items, err := extractMap(t, files)
		checkErrorLines(t, files, err)
		for _, it := range items {
			content, ok := files[it.Location.Path]
			if it.ID == "" || it.Kind == "" || !ok || it.Location.Line < 1 ||
				it.Location.Line > lineCount(content) {
				t.Errorf("item %s at %+v, outside its file", it.ID, it.Location)
			}
		}
	})
}

func readFile(t testing.TB, dir, name string) []byte {
	t.Helper()
	content, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return content
}

func FuzzExtractYarn(f *testing.F) { fuzzLockfile(f, "yarn.lock", "yarn1", "berry") }
