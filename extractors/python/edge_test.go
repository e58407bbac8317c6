package python

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// files serves in-memory content as a repository; a nil entry exists but
// cannot be read, as a file over the size limit.
type files map[string][]byte

func (f files) ReadFile(p string) ([]byte, error) {
	content, ok := f[p]
	switch {
	case !ok:
		return nil, extractors.ErrNotInInventory
	case content == nil:
		return nil, extractors.ErrTooLarge
	}
	return content, nil
}

func TestExtractEdgeCases(t *testing.T) {
	uvLock := extractortest.Fixture(t, "testdata/uv", "uv.lock")
	tests := []struct {
		name     string
		repo     files
		path     string
		want     []string // ids, with the item's line after "@"
		wantLine int
		wantFile string // the other file the error is placed at, if any
	}{
		{name: "uv.lock alone knows its direct packages", path: "uv.lock",
			repo: files{"uv.lock": uvLock},
			want: []string{"anyio@4", "boto3@10", "httpx@18", "jinja2@29", "markupsafe@40",
				"pytest@46", "ruff@78", "weasyprint@84"}},
		{name: "include loop and missing include",
			path: "requirements.txt",
			repo: files{
				"requirements.txt": []byte("-r common.in\nflask\n"),
				"common.in": []byte("-r common.in\n-r requirements.txt\n" +
					"click\n-r gone.txt\n"),
			},
			want: []string{"click@3", "flask@2"}, wantLine: -1},
		{name: "include fetched at install time", path: "requirements.txt",
			repo: files{"requirements.txt": []byte("\n-r https://example.com/r.txt\nflask\n")},
			want: []string{"flask@3"}, wantLine: 2},
		{name: "unreadable lockfile", path: "pyproject.toml",
			repo: files{"pyproject.toml": []byte("[project]\ndependencies = [\"flask\"]\n"),
				"uv.lock": nil},
			want: []string{"flask@2"}, wantLine: -1, wantFile: "uv.lock"},
		{name: "broken lockfile", path: "Pipfile",
			repo: files{"Pipfile": []byte("[packages]\nflask = \"*\"\n"),
				"Pipfile.lock": []byte("{\"default\": {\n")},
			want: []string{"flask@2"}, wantLine: 1, wantFile: "Pipfile.lock"},
		{name: "lockfile entry without a name", path: "poetry.lock",
			repo: files{"poetry.lock": []byte("[[package]]\nversion = \"1\"\n\n" +
				"[[package]]\nname = \"six\"\nversion = \"1.16.0\"\n")},
			want: []string{"six@4"}, wantLine: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractors.File{Path: tt.path, Content: tt.repo[tt.path]}
			items, err := New().Extract(f, tt.repo)
			var got []string
			for _, it := range items {
				got = append(got, it.Name+"@"+strconv.Itoa(it.Location.Line))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if line := extractortest.ErrorLine(err); line != tt.wantLine {
				t.Errorf("error %v at line %d, want line %d", err, line, tt.wantLine)
			}
			if file := extractortest.ErrorFile(err); file != tt.wantFile {
				t.Errorf("error %v placed at file %q, want %q", err, file, tt.wantFile)
			}
		})
	}
}

func TestLockfileAloneMarksDirectPackages(t *testing.T) {
	repo := files{"uv.lock": extractortest.Fixture(t, "testdata/uv", "uv.lock")}
	items, err := New().Extract(extractors.File{Path: "uv.lock", Content: repo["uv.lock"]}, repo)
	if err != nil {
		t.Fatal(err)
	}
	direct := map[string]bool{}
	for _, it := range items {
		if it.Attributes["direct"] == true {
			direct[it.Name] = true
		}
		if it.Attributes["locked"] != true || it.ID != "dependency:uv.lock#"+it.Name {
			t.Errorf("%s: not a locked item of uv.lock: %v", it.ID, it.Attributes)
		}
	}
	want := map[string]bool{"boto3": true, "httpx": true, "jinja2": true, "pytest": true,
		"ruff": true, "weasyprint": true}
	if diff := cmp.Diff(want, direct); diff != "" {
		t.Errorf("direct packages (-want +got):\n%s", diff)
	}
}
