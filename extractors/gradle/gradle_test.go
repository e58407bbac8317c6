package gradle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// want describes an expected item in one line.
type want struct {
	name                       string
	path                       string
	line                       int
	version, constraint, scope string
	direct, pinned, unresolved bool
}

func (w want) item(manifest string, locked bool) extractors.Item {
	return extractors.Item{
		ID: "dependency:" + manifest + "#" + w.name, Kind: "dependency", Name: w.name,
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"ecosystem": "maven", "name": w.name, "version": w.version,
			"constraint": w.constraint, "direct": w.direct, "scope": w.scope,
			"source": "registry", "pinned": w.pinned, "hash": false, "locked": locked,
			"unresolved": w.unresolved,
		},
		Location: extractors.Location{Path: w.path, Line: w.line},
	}
}

const (
	groovy = "build.gradle"
	kts    = "app/build.gradle.kts"
	lock   = "app/gradle.lockfile"
	impl   = "implementation"
)

var groovyWant = []want{
	{"com.github.ben-manes:gradle-versions-plugin", groovy, 4, "0.51.0", "0.51.0",
		"classpath", true, true, false},
	{"com.squareup.okhttp3:okhttp", groovy, 28, "", "4.+", impl, true, false, false},
	{"commons-io:commons-io", groovy, 27, "2.16.1", "2.16.1", impl, true, true, false},
	{"io.micrometer:micrometer-core", groovy, 44, "1.13.4", "1.13.4", "runtimeOnly",
		true, true, false},
	{"io.netty:netty-handler", groovy, 23, "4.1.113.Final", "${nettyVersion}", impl,
		true, true, false},
	{"junit:junit", groovy, 38, "4.13.2", "4.13.2", "testImplementation", true, true, false},
	{"org.apache.commons:commons-collections4", groovy, 33, "4.4", "4.4", "api",
		true, true, false},
	{"org.apache.commons:commons-lang3", groovy, 32, "3.17.0", "3.17.0", "api",
		true, true, false},
	{"org.example:literal", groovy, 25, "", "$notInterpolated", impl, true, false, false},
	{"org.example:unknown", groovy, 26, "", "${undefinedVersion}", impl, true, false, true},
	{"org.postgresql:postgresql", groovy, 36, "", "latest.release", "runtimeOnly",
		true, false, false},
	{"org.projectlombok:lombok", groovy, 34, "1.18.34", "1.18.34", "compileOnly",
		true, true, false},
	{"org.slf4j:slf4j-api", groovy, 24, "2.0.16", "${slf4jVersion}", impl, true, true, false},
	{"org.springframework.boot:spring-boot-dependencies", groovy, 41, "3.3.4", "3.3.4", impl,
		true, true, false},
	{"org.springframework.boot:spring-boot-starter-web", groovy, 42, "", "", impl,
		true, false, true},
	{"org.springframework:spring-core", groovy, 22, "6.1.13", "$springVersion", impl,
		true, true, false},
}

var kotlinWant = []want{
	{"com.fasterxml.jackson.core:jackson-annotations", lock, 4, "2.17.2", "",
		"compileClasspath", false, true, false},
	{"com.fasterxml.jackson.core:jackson-databind", kts, 11, "2.17.2", "[2.17, 2.18[", impl,
		true, true, false},
	{"com.google.dagger:dagger", kts, 25, "2.52", "2.52", impl, true, true, false},
	{"com.google.dagger:dagger-compiler", kts, 24, "2.52", "2.52", "kapt", true, true, false},
	{"com.google.guava:guava", kts, 12, "33.3.0-jre", "33.3.0-jre", impl, true, true, false},
	{"com.h2database:h2", kts, 28, "2.3.232", "2.3.232", impl, true, true, false},
	{"io.ktor:ktor-server-core", kts, 10, "2.3.12", "2.3.12", impl, true, true, false},
	{"io.ktor:ktor-server-netty", kts, 10, "2.3.12", "2.3.12", impl, true, true, false},
	{"org.jetbrains.exposed:exposed-core", kts, 17, "0.54.0", "$exposedVersion", impl,
		true, true, false},
	{"org.jetbrains.exposed:exposed-dao", kts, 19, "0.54.0", "0.54.0", impl, true, true, false},
	{"org.jetbrains.exposed:exposed-jdbc", kts, 18, "0.54.0", "exposedVersion", impl,
		true, true, false},
	{"org.jetbrains.kotlin:kotlin-reflect", kts, 16, "1.9.24", "kotlinVersion", impl,
		true, true, false},
	{"org.jetbrains.kotlin:kotlin-stdlib", kts, 15, "", "", impl, true, false, true},
	{"org.junit.jupiter:junit-jupiter", kts, 14, "5.11.0", "", "testImplementation",
		true, true, false},
	{"org.junit:junit-bom", kts, 13, "5.11.0", "5.11.0", impl, true, true, false},
	{"org.opentest4j:opentest4j", lock, 9, "1.3.0", "", "testRuntimeClasspath",
		false, true, false},
}

func wantItems(manifest string, locked bool, ws []want) []extractors.Item {
	var items []extractors.Item
	for _, w := range ws {
		items = append(items, w.item(manifest, locked))
	}
	return items
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name     string
		dir      string
		path     string
		want     []extractors.Item
		wantLine int    // line of the returned error: 0 for none, -1 for no line
		wantErr  string // text the error must contain
	}{
		{name: "groovy", dir: "testdata/shop", path: groovy,
			want: wantItems(groovy, false, groovyWant)},
		{name: "kotlin with a catalog and a lockfile", dir: "testdata/shop", path: kts,
			want: wantItems(kts, true, kotlinWant)},
		{name: "unterminated string", dir: "testdata/broken", path: "build.gradle",
			wantLine: 3, wantErr: "unterminated string",
			want: wantItems("build.gradle", false, []want{{"com.google.guava:guava",
				"build.gradle", 2, "33.3.0-jre", "33.3.0-jre", impl, true, true, false}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := New().Extract(extractors.File{Path: tt.path,
				Content: readFixture(t, tt.dir, tt.path)}, extractortest.DirRepo(tt.dir))
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

func readFixture(t testing.TB, dir, p string) []byte {
	t.Helper()
	content, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return content
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"build.gradle": true, "app/build.gradle.kts": true, "settings.gradle": false,
		"build.gradle.bak": false, "gradle.lockfile": false, "libs.versions.toml": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestExtractInheritsExtraProperties(t *testing.T) {
	const app, lib, api = "app/build.gradle", "lib/build.gradle.kts", "services/api/build.gradle"
	tests := []struct {
		path string
		want []want
	}{
		{app, []want{
			{"com.fasterxml.jackson.core:jackson-databind", app, 4, "2.17.2",
				"${rootProject.ext.jacksonVersion}", impl, true, true, false},
			{"com.google.guava:guava", app, 2, "33.3.0-jre", "$guavaVersion", impl,
				true, true, false},
			{"com.squareup.okhttp3:okhttp", app, 5, "4.12.0", "${versions.okhttp}", impl,
				true, true, false},
			{"org.example:local", app, 7, "", "$scriptLocal", impl, true, false, true},
			{"org.junit.jupiter:junit-jupiter", app, 6, "5.11.0", "${versions.junit}",
				"testImplementation", true, true, false},
			{"org.slf4j:slf4j-api", app, 3, "2.0.16", "${rootProject.versions['slf4j']}", impl,
				true, true, false},
		}},
		{lib, []want{
			{"com.google.guava:guava", lib, 2, "33.3.0-jre",
				`${rootProject.extra["guavaVersion"]}`, impl, true, true, false},
		}},
		// The nearest project's extra property wins over the root's.
		{api, []want{
			{"com.google.guava:guava", api, 3, "32.1.3-jre", "$guavaVersion", impl,
				true, true, false},
			{"io.ktor:ktor-server-core", api, 2, "2.3.12", "$ktorVersion", impl,
				true, true, false},
			{"org.slf4j:slf4j-api", api, 4, "2.0.16", "${versions.slf4j}", impl,
				true, true, false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := extractortest.ExtractFixture(t, New(), "testdata/multi", tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantItems(tt.path, false, tt.want), got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
		})
	}
}
