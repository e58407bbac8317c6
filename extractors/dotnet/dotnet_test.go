package dotnet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// dep builds an expected item. Attributes not given take the values of a
// direct production reference at an exact version, without a lockfile.
func dep(at extractors.Location, manifest, name, version string,
	attrs map[string]any) extractors.Item {
	all := map[string]any{
		"ecosystem": "nuget", "name": name, "version": version, "constraint": version,
		"direct": true, "scope": "prod", "source": "registry", "pinned": version != "",
		"hash": false, "locked": false, "unresolved": false,
	}
	for k, v := range attrs {
		all[k] = v
	}
	return extractors.Item{
		ID: "dependency:" + manifest + "#" + name, Kind: "dependency", Name: name,
		Exposure: extractors.ExposureInternal, Attributes: all, Location: at,
	}
}

func at(p string, line int) extractors.Location {
	return extractors.Location{Path: p, Line: line}
}

// locked are the attributes of a package the lockfile resolved with a hash.
func locked(constraint string, more ...any) map[string]any {
	m := map[string]any{"constraint": constraint, "locked": true, "hash": true}
	for i := 0; i+1 < len(more); i += 2 {
		m[more[i].(string)] = more[i+1]
	}
	return m
}

func TestExtract(t *testing.T) {
	const api = "src/Api/Api.csproj"
	const lock = "src/Api/packages.lock.json"
	tests := []struct {
		name     string
		dir      string
		path     string
		want     []extractors.Item
		wantLine int    // line of the returned error: 0 for none, -1 for no line
		wantErr  string // text the error must contain
	}{
		{name: "central versions and a lockfile", dir: "testdata/cpm", path: api,
			want: []extractors.Item{
				dep(at(api, 13), api, "Dapper", "2.1.35", locked("[2.1.35,3.0)")),
				dep(at(api, 9), api, "Microsoft.AspNetCore.OpenApi", "8.0.8",
					locked("$(AspNetVersion)")),
				dep(at(lock, 44), api, "Microsoft.OpenApi", "1.4.3",
					locked("", "direct", false)),
				dep(at(api, 14), api, "Microsoft.SourceLink.GitHub", "8.0.0",
					locked("", "scope", "dev")),
				dep(at(lock, 49), api, "Serilog", "3.1.1",
					locked("[3.1.1, )", "direct", false, "hash", false)),
				dep(at(api, 10), api, "Serilog.AspNetCore", "8.0.2", locked("8.0.2")),
				dep(at(lock, 38), api, "StyleCop.Analyzers", "1.1.118",
					locked("[1.1.118, )", "scope", "dev")),
				dep(at(api, 12), api, "newtonsoft.json", "13.0.3", locked("13.0.3")),
			}},
		{name: "global references", dir: "testdata/cpm", path: "Directory.Packages.props",
			want: []extractors.Item{
				dep(at("Directory.Packages.props", 13), "Directory.Packages.props",
					"StyleCop.Analyzers", "1.1.118", map[string]any{"scope": "dev"}),
			}},
		{name: "versions in place", dir: "testdata/plain", path: "App.fsproj",
			want: []extractors.Item{
				dep(at("App.fsproj", 7), "App.fsproj", "FSharp.Core", "8.0.400",
					map[string]any{"constraint": "$(FSharpCoreVersion)"}),
				dep(at("App.fsproj", 8), "App.fsproj", "Giraffe", "6.4.0", nil),
				dep(at("App.fsproj", 12), "App.fsproj", "Npgsql", "8.0.3",
					map[string]any{"constraint": "[8.0.3]"}),
				dep(at("App.fsproj", 13), "App.fsproj", "Polly", "8.4.1", nil),
				dep(at("App.fsproj", 13), "App.fsproj", "Polly.Extensions", "8.4.1", nil),
				dep(at("App.fsproj", 15), "App.fsproj", "Secret.Sauce", "",
					map[string]any{"constraint": "$(SauceVersion)", "unresolved": true}),
				dep(at("App.fsproj", 11), "App.fsproj", "Serilog", "",
					map[string]any{"constraint": "3.*"}),
				dep(at("App.fsproj", 16), "App.fsproj", "Unversioned", "",
					map[string]any{"unresolved": true}),
			}},
		{name: "packages.config", dir: "testdata/classic", path: "packages.config",
			want: []extractors.Item{
				dep(at("packages.config", 6), "packages.config", "Microsoft.Net.Compilers",
					"2.10.0", map[string]any{"scope": "dev"}),
				dep(at("packages.config", 3), "packages.config", "Newtonsoft.Json", "12.0.3", nil),
				dep(at("packages.config", 4), "packages.config", "log4net", "2.0.8", nil),
			}},
		{name: "old-style project without references", dir: "testdata/classic",
			path: "Legacy.csproj"},
		{name: "broken", dir: "testdata/broken", path: "Broken.vbproj",
			wantLine: 5, wantErr: "closed by </ItemGroup>",
			want: []extractors.Item{
				dep(at("Broken.vbproj", 4), "Broken.vbproj", "Broken", "1.0.0", nil),
				dep(at("Broken.vbproj", 3), "Broken.vbproj", "Microsoft.VisualBasic", "10.3.0",
					nil),
			}},
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
		"App.csproj": true, "src/a/A.fsproj": true, "B.vbproj": true,
		"packages.config": true, "Directory.Build.props": true,
		"Directory.Packages.props": true, "packages.lock.json": false,
		".csproj": false, "App.csproj.user": false, "App.sln": false,
		"Directory.Build.targets": false, "web.config": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestDeepNesting reads a project nested far deeper than any real one
// without exhausting the stack, and still finds the reference beside it.
func TestDeepNesting(t *testing.T) {
	const n = 100000
	proj := `<Project><ItemGroup><PackageReference Include="A" Version="1.0.0"/></ItemGroup>` +
		strings.Repeat("<Choose>", n) + strings.Repeat("</Choose>", n) + "</Project>"
	items, err := New().Extract(extractors.File{Path: "A.csproj", Content: []byte(proj)},
		extractortest.DirRepo("testdata/none"))
	if err != nil || len(items) != 1 || items[0].Name != "A" {
		t.Errorf("items %+v, error %v; want A alone", items, err)
	}
}
