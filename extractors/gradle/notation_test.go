package gradle

import (
	"fmt"
	"strings"
	"testing"

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

// summary maps each item's name to its version and line.
func summary(items []extractors.Item) map[string]string {
	got := map[string]string{}
	for _, it := range items {
		got[it.Name] = fmt.Sprintf("%v@%s:%d", it.Attributes["version"],
			it.Location.Path, it.Location.Line)
	}
	return got
}

func TestNotations(t *testing.T) {
	tests := []struct {
		name    string
		script  string // build.gradle, or sub/build.gradle.kts when kotlin
		kotlin  bool
		files   mapRepo
		want    map[string]string
		wantErr string
	}{
		{name: "comments and strings hide declarations", script: `
/* dependencies { implementation 'a:commented:1' } */
def s = "dependencies { implementation 'a:in-string:1' }"
dependencies {
    // implementation 'a:line-comment:1'
    implementation "a:real:${s.size() > 0 ? "1" : "2"}" // expression: unresolved
    implementation 'b:real:2' /* trailing */
}`, want: map[string]string{"a:real": "@build.gradle:6", "b:real": "2@build.gradle:7"}},
		{name: "one line, semicolons and a triple-quoted string", script: `def doc = '''
several
lines'''
dependencies { implementation 'a:a:1'; api 'b:b:2' }`,
			want: map[string]string{"a:a": "1@build.gradle:4", "b:b": "2@build.gradle:4"}},
		{name: "not notations", script: `dependencies {
    implementation 'no-colon'
    implementation 'a:concat:1' + suffix
    implementation "with space:x:1"
    implementation 'a:b:c:d:e'
    constraints { implementation 'c:constrained:1' }
    components { withModule('d:rule') { } }
}`, want: map[string]string{}},
		{name: "named arguments over several lines", kotlin: true, script: `dependencies {
    implementation(
        group = "g",
        name = "multi",
        version = "3",
    )
}`, want: map[string]string{"g:multi": "3@sub/build.gradle.kts:2"}},
		{name: "the nearest gradle.properties wins", kotlin: true,
			files: mapRepo{"gradle.properties": "v=1\nw=root", "sub/gradle.properties": "v=2"},
			script: `dependencies {
    implementation("a:v:${project.property("v")}")
    implementation("a:w:${'$'}{w}")
    implementation("a:x:" + "$w")
}`, want: map[string]string{
				"a:v": "2@sub/build.gradle.kts:2", "a:w": "@sub/build.gradle.kts:3",
			}},
		{name: "groovy reads dotted names", script: `ext.lib = [version: '9']
version = '1.2.3'
dependencies {
    implementation "me:self:$project.version"
}`, want: map[string]string{"me:self": "1.2.3@build.gradle:4"}},
		{name: "a broken catalog is reported", kotlin: true,
			files:  mapRepo{"gradle/libs.versions.toml": "[libraries]\nx = {"},
			script: "dependencies {\n  implementation(libs.x)\n}",
			want:   map[string]string{}, wantErr: "gradle/libs.versions.toml line 2"},
		{name: "a catalog entry without a module is reported", kotlin: true,
			files:   mapRepo{"gradle/libs.versions.toml": "[libraries]\nx = 3\ny = \"g:y:1\""},
			script:  "dependencies {\n  implementation(libs.x)\n  implementation(libs.y)\n}",
			want:    map[string]string{"g:y": "1@sub/build.gradle.kts:3"},
			wantErr: `gradle/libs.versions.toml: library "x"`},
		{name: "a malformed lockfile line is reported", kotlin: true,
			files:   mapRepo{"sub/gradle.lockfile": "# x\ng:a:1=compileClasspath\nbroken\n"},
			script:  "dependencies {\n  implementation(\"g:a:1.+\")\n}",
			want:    map[string]string{"g:a": "1@sub/build.gradle.kts:2"},
			wantErr: "sub/gradle.lockfile line 3: malformed entry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := "build.gradle"
			if tt.kotlin {
				p = "sub/build.gradle.kts"
			}
			files := mapRepo{}
			for k, v := range tt.files {
				files[k] = v
			}
			files[p] = tt.script
			f := extractors.File{Path: p, Content: []byte(tt.script)}
			items, err := New().Extract(f, files)
			if diff := cmp.Diff(tt.want, summary(items)); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if tt.wantErr == "" && err != nil ||
				tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("error %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

// TestDeepNesting feeds scripts nested far deeper than any real one: they
// must be read without exhausting the stack, and what lies past the bound
// is skipped rather than misread.
func TestDeepNesting(t *testing.T) {
	const n = 100000
	scripts := []string{
		"dependencies {\n" + strings.Repeat("if (x) {", n) + "\n implementation 'deep:x:1'",
		"dependencies {\n implementation " + strings.Repeat("platform(", n) + "'deep:y:1'",
		"dependencies {\n implementation " + strings.Repeat("a: ", n) + "'deep:z:1'",
		strings.Repeat("dependencies { ", n),
	}
	for i, script := range scripts {
		f := extractors.File{Path: "build.gradle", Content: []byte(script)}
		items, _ := New().Extract(f, mapRepo{})
		if len(items) != 0 {
			t.Errorf("script %d: items %v past the nesting bound", i, summary(items))
		}
	}
}
