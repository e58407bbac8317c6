package dotnet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
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

// central returns a Directory.Packages.props giving name one version.
func central(name, version string) string {
	return `<Project><ItemGroup><PackageVersion Include="` + name + `" Version="` +
		version + `"/></ItemGroup></Project>`
}

func TestSiblingErrors(t *testing.T) {
	const proj = `<Project><ItemGroup>
<PackageReference Include="A" />
</ItemGroup></Project>`
	tests := []struct {
		name    string
		files   mapRepo
		wantErr string
		want    string // the version A ends up with
		// where the diagnostic goes: the broken sibling file and its line
		wantFile string
		wantLine int
	}{
		{name: "broken lockfile", files: mapRepo{
			"app/App.csproj":           proj,
			"app/packages.lock.json":   "{\"dependencies\": {\n\"net8.0\": {\n\"A\": [}}}",
			"Directory.Packages.props": central("A", "1.0.0"),
		}, wantErr: "app/packages.lock.json line 3:", want: "1.0.0",
			wantFile: "app/packages.lock.json", wantLine: 3},
		{name: "broken central file", files: mapRepo{
			"app/App.csproj":           proj,
			"Directory.Packages.props": "<Project>\n<ItemGroup>\n</Project>",
		}, wantErr: "Directory.Packages.props line 3:", want: "",
			wantFile: "Directory.Packages.props", wantLine: 3},
		{name: "nearest central file wins", files: mapRepo{
			"app/App.csproj":               proj,
			"app/Directory.Packages.props": central("a", "2.0.0"),
			"Directory.Packages.props":     central("A", "1.0.0"),
		}, want: "2.0.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte(tt.files["app/App.csproj"])
			f := extractors.File{Path: "app/App.csproj", Content: content}
			items, err := New().Extract(f, tt.files)
			if len(items) != 1 || items[0].Attributes["version"] != tt.want {
				t.Fatalf("items %+v, want A at %q", items, tt.want)
			}
			if tt.wantErr == "" && err != nil || !strings.Contains(errText(err), tt.wantErr) {
				t.Errorf("error %v, want one saying %q", err, tt.wantErr)
			}
			file, line := extractortest.ErrorFile(err), extractortest.ErrorLine(err)
			if err != nil && (file != tt.wantFile || line != tt.wantLine) {
				t.Errorf("error %v placed at %s line %d, want %s line %d",
					err, file, line, tt.wantFile, tt.wantLine)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func FuzzExtract(f *testing.F) {
	dir := "testdata/cpm"
	f.Add(readFixture(f, dir, "src/Api/Api.csproj"),
		readFixture(f, dir, "Directory.Packages.props"),
		readFixture(f, dir, "src/Api/packages.lock.json"))
	f.Add(readFixture(f, "testdata/plain", "App.fsproj"), []byte{}, []byte("{}"))
	f.Add(readFixture(f, "testdata/broken", "Broken.vbproj"), []byte{}, []byte{})
	f.Add(readFixture(f, "testdata/classic", "packages.config"), []byte{}, []byte{})

	f.Fuzz(func(t *testing.T, proj, central, lock []byte) {
		files := mapRepo{
			"src/App.csproj": string(proj), "src/packages.config": string(proj),
			"Directory.Packages.props": string(central), "src/packages.lock.json": string(lock),
		}
		for _, name := range []string{"src/App.csproj", "src/packages.config"} {
			items, err := New().Extract(extractors.File{Path: name, Content: proj}, files)
			checkFuzzed(t, files, name, items, err)
		}
	})
}

func checkFuzzed(t *testing.T, files mapRepo, name string, items []extractors.Item, err error) {
	lines := func(s string) int { return bytes.Count([]byte(s), []byte("\n")) + 1 }
	if line := extractortest.ErrorLine(err); err != nil && line != -1 &&
		(line < 1 || line > lines(files[name])) {
		t.Errorf("%s: error %v points at line %d", name, err, line)
	}
	for _, it := range items {
		if it.ID == "" || it.Kind == "" {
			t.Errorf("item without id or kind: %+v", it)
		}
		content, ok := files[it.Location.Path]
		if !ok || it.Location.Line < 1 || it.Location.Line > lines(content) {
			t.Errorf("item %s at %+v, outside its file", it.ID, it.Location)
		}
	}
}
