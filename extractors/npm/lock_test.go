package npm

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tms-dev/tms/extractors/extractortest"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

// mapRepo serves files held in memory.
type mapRepo map[string]string

func (m mapRepo) ReadFile(p string) ([]byte, error) {
	content, ok := m[p]
	if !ok {
		return nil, extractors.ErrNotInInventory
	}
	return []byte(content), nil
}

func extractMap(t testing.TB, files mapRepo) ([]extractors.Item, error) {
	t.Helper()
	f := extractors.File{Path: "package.json", Content: []byte(files["package.json"])}
	return New().Extract(f, files)
}

// versions maps each item's name to its version and location, which is what
// the tests below are about.
func versions(items []extractors.Item) map[string]string {
	got := map[string]string{}
	for _, it := range items {
		got[it.Name] = fmt.Sprintf("%v@%s:%d", it.Attributes["version"],
			it.Location.Path, it.Location.Line)
	}
	return got
}

func TestLockFormats(t *testing.T) {
	tests := []struct {
		name  string
		files mapRepo
		want  map[string]string
	}{
		{name: "v2 packages win over the legacy tree, in any key order", files: mapRepo{
			"package.json": `{"dependencies": {"a": "^1"}}`,
			"package-lock.json": `{"dependencies": {"a": {"version": "0.0.1"}},
"packages": {"node_modules/a": {"version": "1.0.0"}}, "lockfileVersion": 2}`,
		}, want: map[string]string{"a": "1.0.0@package.json:1"}},
		{name: "npm-shrinkwrap.json wins over package-lock.json", files: mapRepo{
			"package.json":        `{"dependencies": {"a": "^1"}}`,
			"package-lock.json":   `{"packages": {"node_modules/a": {"version": "1.0.0"}}}`,
			"npm-shrinkwrap.json": `{"packages": {"node_modules/a": {"version": "1.1.0"}}}`,
		}, want: map[string]string{"a": "1.1.0@package.json:1"}},
		{name: "the top-level install wins over nested ones", files: mapRepo{
			"package.json": `{}`,
			"package-lock.json": `{"packages": {
"node_modules/b/node_modules/a": {"version": "2.0.0"},
"node_modules/a": {"version": "1.0.0"},
"node_modules/c/node_modules/a": {"version": "3.0.0"},
"node_modules/b": {"version": "1.0.0"}}}`,
		}, want: map[string]string{
			"a": "1.0.0@package-lock.json:3", "b": "1.0.0@package-lock.json:5",
		}},
		{name: "scoped names keep their scope", files: mapRepo{
			"package.json": `{"dependencies": {"@s/a": "1.0.0"}}`,
			"package-lock.json": `{"packages": {"node_modules/@s/a": {"version": "1.0.0"},
"node_modules/@s/a/node_modules/@t/b": {"version": "2.0.0"}}}`,
		}, want: map[string]string{
			"@s/a": "1.0.0@package.json:1", "@t/b": "2.0.0@package-lock.json:2",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := extractMap(t, tt.files)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, versions(items)); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBrokenInput(t *testing.T) {
	deep := strings.Repeat(`{"dependencies": {"a": `, maxLegacyDepth+5) + "{}" +
		strings.Repeat("}}", maxLegacyDepth+5)
	tests := []struct {
		name     string
		files    mapRepo
		wantLine int
		wantErr  string
	}{
		{"empty package.json", mapRepo{"package.json": ""}, 1, "unexpected end"},
		// The end of input is placed on the last line that has text.
		{"truncated package.json", mapRepo{"package.json": "{\n\"dependencies\": {\n"},
			2, "unexpected end"},
		{"package.json is an array", mapRepo{"package.json": "[1]"}, 1, "not a JSON object"},
		{"lockfile is a string", mapRepo{"package.json": "{}", "package-lock.json": `"x"`},
			1, "package-lock.json line 1: lockfile is not a JSON object"},
		{"lock entry of the wrong type", mapRepo{"package.json": "{}",
			"package-lock.json": "{\"packages\": {\n\"node_modules/a\": {\"dev\": 1}}}"},
			2, "package-lock.json line 2:"},
		{"lockfile nested too deep", mapRepo{"package.json": "{}", "package-lock.json": deep},
			1, "package-lock.json line 1: dependency tree nested deeper than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extractMap(t, tt.files)
			if line := extractortest.ErrorLine(err); line != tt.wantLine {
				t.Errorf("error %v at line %d, want line %d", err, line, tt.wantLine)
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v does not say %q", err, tt.wantErr)
			}
		})
	}
}

// bigLock writes a lockfile v3 of n packages, each also nested once.
func bigLock(n int) string {
	var b strings.Builder
	b.WriteString("{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {},\n")
	for i := range n {
		fmt.Fprintf(&b, `    "node_modules/p%d": {
      "version": "1.0.%d",
      "resolved": "https://registry.npmjs.org/p%d/-/p%d-1.0.%d.tgz",
      "integrity": "sha512-%s",
      "dependencies": {"q": "^1"}
    },
    "node_modules/p%d/node_modules/q%d": {"version": "0.1.0", "dev": true},
`, i, i, i, i, i, strings.Repeat("A", 86), i, i)
	}
	b.WriteString("    \"node_modules/last\": {\"version\": \"1.0.0\"}\n  }\n}\n")
	return b.String()
}

// TestLargeLockfile guards the single linear pass: a 20 MB lockfile of
// 50,000 packages is read well within a CI timeout, even under -race.
func TestLargeLockfile(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	lock := bigLock(50_000)
	start := time.Now()
	items, err := extractMap(t, mapRepo{"package.json": "{}", "package-lock.json": lock})
	if err != nil {
		t.Fatal(err)
	}
	if want := 2*50_000 + 1; len(items) != want {
		t.Errorf("%d items, want %d", len(items), want)
	}
	t.Logf("%d bytes, %d items in %v", len(lock), len(items), time.Since(start))
}

func BenchmarkExtractLockfile(b *testing.B) {
	files := mapRepo{"package.json": "{}", "package-lock.json": bigLock(50_000)}
	b.SetBytes(int64(len(files["package-lock.json"])))
	for b.Loop() {
		if _, err := extractMap(b, files); err != nil {
			b.Fatal(err)
		}
	}
}
