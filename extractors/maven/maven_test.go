package maven

import (
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// dep builds an expected item. Attributes not given take the values of a
// plain compile dependency from the registry at an exact version.
func dep(pomPath string, line int, name, version string, attrs map[string]any) extractors.Item {
	base := map[string]any{
		"ecosystem": "maven", "name": name, "version": version, "constraint": version,
		"direct": true, "scope": "compile", "source": "registry", "pinned": version != "",
		"hash": false, "locked": false, "managed": false, "unresolved": false,
	}
	return extractortest.Dependency(pomPath, extractortest.At(pomPath, line), base, attrs)
}

func TestExtract(t *testing.T) {
	const svc, api = "service/pom.xml", "services/api/pom.xml"
	tests := []struct {
		name     string
		dir      string
		path     string
		want     []extractors.Item
		wantLine int    // line of the returned error: 0 for none, -1 for no line
		wantErr  string // text the error must contain
	}{
		{name: "parent with managed versions", dir: "testdata/shop", path: "pom.xml",
			want: []extractors.Item{
				dep("pom.xml", 38, "com.example.shop:shop-model", "1.4.0-SNAPSHOT", map[string]any{
					"constraint": "${project.version}", "pinned": false, "managed": true,
				}),
				dep("pom.xml", 31, "com.fasterxml.jackson:jackson-bom", "2.17.2", map[string]any{
					"constraint": "${jackson-bom.version}", "scope": "import", "managed": true,
				}),
				dep("pom.xml", 7, "org.springframework.boot:spring-boot-starter-parent", "3.3.4",
					map[string]any{"scope": "parent"}),
			}},
		{name: "child of a local parent", dir: "testdata/shop", path: svc,
			want: []extractors.Item{
				dep(svc, 53, "com.acme:legacy-crypto", "1.0", map[string]any{
					"scope": "system", "source": "path",
				}),
				dep(svc, 38, "com.example.shop:shop-model", "1.4.0-SNAPSHOT", map[string]any{
					"constraint": "${project.version}", "pinned": false,
				}),
				dep(svc, 33, "com.google.guava:guava", "33.3.0-jre", map[string]any{
					"constraint": "${guava.version}",
				}),
				dep(svc, 69, "com.oracle:ojdbc", "8", map[string]any{
					"scope": "system", "source": "path", "pinned": false,
				}),
				dep(svc, 82, "io.micrometer:micrometer-registry-prometheus", "", map[string]any{
					"constraint": "LATEST",
				}),
				dep(svc, 48, "io.netty:netty-all", "", map[string]any{
					"constraint": "${netty.version}", "unresolved": true,
				}),
				dep(svc, 43, "org.apache.commons:commons-text", "", map[string]any{
					"constraint": "[1.10.0,2.0)",
				}),
				dep(svc, 60, "org.junit.jupiter:junit-jupiter", "5.11.0", map[string]any{
					"scope": "test",
				}),
				dep(svc, 23, "org.springframework.boot:spring-boot-starter-web", "",
					map[string]any{"unresolved": true}),
			}},
		{name: "managed by a chain of parents", dir: "testdata/chain", path: api,
			want: []extractors.Item{
				dep(api, 17, "com.fasterxml.jackson.core:jackson-databind", "2.18.1",
					map[string]any{"constraint": "${jackson.version}"}),
				dep(api, 34, "io.example:unmanaged", "", map[string]any{"unresolved": true}),
				dep(api, 21, "junit:junit", "4.13.2", map[string]any{"scope": "test"}),
				dep(api, 30, "org.acme:acme-model", "3.1.0",
					map[string]any{"constraint": "${project.version}"}),
				dep(api, 25, "org.postgresql:postgresql", "42.7.4",
					map[string]any{"scope": "runtime"}),
				dep(api, 13, "org.slf4j:slf4j-api", "2.0.16",
					map[string]any{"constraint": "${slf4j.version}"}),
			}},
		// The BOM's own properties expand its versions; the pom's own
		// managed version wins over the BOM's; a BOM from outside stays unread.
		{name: "BOM of the repository", dir: "testdata/bom", path: "app/pom.xml",
			want: []extractors.Item{
				dep("app/pom.xml", 26, "io.netty:netty-all", "4.1.114.Final",
					map[string]any{"constraint": "${netty.version}"}),
				dep("app/pom.xml", 30, "org.slf4j:slf4j-api", "2.0.9", nil),
				dep("app/pom.xml", 34, "org.springframework.boot:spring-boot-starter-web", "",
					map[string]any{"unresolved": true}),
			}},
		{name: "parents that form a cycle", dir: "testdata/cycle", path: "a/pom.xml",
			want: []extractors.Item{dep("a/pom.xml", 13, "org.slf4j:slf4j-api", "2.0.16", nil)}},
		{name: "broken off midway", dir: "testdata/broken", path: "pom.xml",
			wantLine: 16, wantErr: "parse pom.xml",
			want: []extractors.Item{
				dep("pom.xml", 6, "org.slf4j:slf4j-api", "2.0.16", nil),
			}},
		{name: "latin-1", dir: "testdata/latin1", path: "pom.xml",
			want: []extractors.Item{dep("pom.xml", 8, "org.slf4j:slf4j-api", "2.0.16", nil)}},
		{name: "not a pom", dir: "testdata/notpom", path: "pom.xml",
			wantLine: 2, wantErr: "not <project>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := extractortest.ExtractFixture(t, New(), tt.dir, tt.path)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, tt.wantErr)
		})
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"pom.xml": true, "svc/pom.xml": true,
		"pom.xml.bak": false, "mypom.xml": false, "pom.json": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestDeepNesting reads a pom nested far deeper than any real one, in
// linear time, and still finds the dependency beside the nesting.
func TestDeepNesting(t *testing.T) {
	const n = 100000
	pom := "<project><dependencies><dependency><groupId>g</groupId>" +
		"<artifactId>a</artifactId><version>1</version>" +
		strings.Repeat("<x>", n) + strings.Repeat("</x>", n) +
		"</dependency></dependencies></project>"
	items, err := New().Extract(extractors.File{Path: "pom.xml", Content: []byte(pom)},
		extractortest.DirRepo("testdata/none"))
	if err != nil || len(items) != 1 || items[0].Name != "g:a" {
		t.Errorf("items %+v, error %v; want g:a alone", items, err)
	}
}
