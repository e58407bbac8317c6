package threatmodel

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadValidFixtures(t *testing.T) {
	for _, path := range fixtures(t, "valid") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			m, err := Load(path)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}

			got, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, path+".want", append(got, '\n'))
		})
	}
}

func TestLoadInvalidFixtures(t *testing.T) {
	for _, path := range fixtures(t, "invalid") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}

			m, err := Parse(filepath.Base(path), data)
			if m != nil {
				t.Errorf("Parse returned a model along with the error")
			}
			loadErr, ok := errors.AsType[*LoadError](err)
			if !ok {
				t.Fatalf("Parse error = %v, want a *LoadError", err)
			}
			if len(loadErr.Problems) != 1 {
				t.Errorf("got %d problems, want 1: each invalid fixture breaks one thing",
					len(loadErr.Problems))
			}
			checkGolden(t, path+".err", []byte(err.Error()+"\n"))
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "threat-model.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load error = %v, want one matching fs.ErrNotExist", err)
	}
}

func TestLoadUnsupportedExtension(t *testing.T) {
	path := filepath.Join(t.TempDir(), "threat-model.toml")
	if err := os.WriteFile(path, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "unsupported file extension") {
		t.Errorf("Load error = %v, want an unsupported extension error", err)
	}
}

func TestLoadUsesPathAsGiven(t *testing.T) {
	path := filepath.Join("testdata", "invalid", "bad-severity.yaml")
	_, err := Load(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":") {
		t.Errorf("Load error = %v, want it to start with %q", err, path+":")
	}

	m, err := Load(filepath.Join("testdata", "valid", "defaults.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("testdata", "valid", "defaults.yaml")
	if got := m.Threats[0].Location.Path; got != want {
		t.Errorf("Location.Path = %q, want %q", got, want)
	}
}

func TestParseDefaultsStatuses(t *testing.T) {
	m, err := Parse("m.yaml", []byte(
		"version: 1\nsurface: [{id: s}]\nthreats: [{id: t, title: T}]\n"+
			"mitigations: [{id: m, title: M}]\n"))
	if err != nil {
		t.Fatal(err)
	}

	got := []string{m.Surface[0].Status, m.Threats[0].Status, m.Mitigations[0].Status}
	want := []string{"unreviewed", "unreviewed", "proposed"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default statuses (-want +got):\n%s", diff)
	}
}

func TestParseModelHasNoNullLists(t *testing.T) {
	m, err := Parse("m.yaml", []byte("version: 1\nthreats: [{id: t, title: T}]\n"+
		"mitigations: [{id: m, title: M}]\n"))
	if err != nil {
		t.Fatal(err)
	}

	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "null") {
		t.Errorf("model JSON has null: %s", data)
	}
}

func TestParseCapsProblems(t *testing.T) {
	const bad = MaxProblems + 5
	var b strings.Builder
	b.WriteString("version: 1\nthreats:\n")
	for i := range bad {
		fmt.Fprintf(&b, "  - {id: T-%d, title: t, severity: hgh}\n", i)
	}

	_, err := Parse("m.yaml", []byte(b.String()))
	loadErr, ok := errors.AsType[*LoadError](err)
	if !ok {
		t.Fatalf("Parse error = %v, want a *LoadError", err)
	}
	if len(loadErr.Problems) != MaxProblems || loadErr.More != bad-MaxProblems {
		t.Errorf("got %d problems and %d more, want %d and %d",
			len(loadErr.Problems), loadErr.More, MaxProblems, bad-MaxProblems)
	}
	for i, p := range loadErr.Problems {
		if p.Line != i+3 {
			t.Errorf("problem %d is on line %d, want %d (sorted by position)", i, p.Line, i+3)
		}
	}
	lines := strings.Split(err.Error(), "\n")
	if want := "m.yaml: 5 more problems not shown"; lines[len(lines)-1] != want {
		t.Errorf("last line = %q, want %q", lines[len(lines)-1], want)
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	src := "version: 2\nthreats:\n  - id: T\n    severity: hgh\n  - id: T\n    title: x\n"
	_, err := Parse("m.yaml", []byte(src))

	want := strings.Join([]string{
		"m.yaml:1:10: version: 2 is not a supported version (expected 1)",
		`m.yaml:3:5: threats[0].title: missing (required)`,
		`m.yaml:4:15: threats[0].severity: "hgh" is not a severity ` +
			`(expected one of critical, high, medium, low, info)`,
		`m.yaml:5:9: threats[1].id: "T" is already the id of threats[0] ` +
			`(expected a unique id)`,
	}, "\n")
	if err == nil {
		t.Fatal("Parse succeeded, want problems")
	}
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}

// TestParseJSONColumns checks that positions in JSON point into the file
// even after escapes that the loader rewrites for the YAML parser.
func TestParseJSONColumns(t *testing.T) {
	const threat = `{"version": 1, "threats": [%s]}`
	tests := map[string]string{
		"plain":     `{"id": "a", "title": "t", "severity": "hgh"}`,
		"slash":     `{"id": "a\/b", "title": "t", "severity": "hgh"}`,
		"surrogate": `{"id": "\ud83d\ude00\ud83d\ude00", "title": "t", "severity": "hgh"}`,
		"lone":      `{"id": "\ud83d", "title": "t", "severity": "hgh"}`,
		"tabs":      "{\t\"id\": \"a\",\t\"title\": \"t\",\t\"severity\": \"hgh\"}",
		"non-ascii": `{"id": "ä\/ö", "title": "t", "severity": "hgh"}`,
	}
	for name, entry := range tests {
		src := fmt.Sprintf(threat, entry)
		t.Run(name, func(t *testing.T) {
			_, err := Parse("m.json", []byte(src))
			loadErr, ok := errors.AsType[*LoadError](err)
			if !ok || len(loadErr.Problems) != 1 {
				t.Fatalf("Parse error = %v, want one problem", err)
			}

			want := len([]rune(src[:strings.Index(src, `"hgh"`)])) + 1
			if got := loadErr.Problems[0].Column; got != want {
				t.Errorf("column = %d, want %d", got, want)
			}
		})
	}
}

func TestParseJSONEscapes(t *testing.T) {
	src := `{"version": 1, "surface": [{"id": "a\/b \ud83d\ude00 \ud800 \u00e9\t"}]}`
	m, err := Parse("m.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}

	var want struct {
		Surface []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(src), &want); err != nil {
		t.Fatal(err)
	}
	if got := m.Surface[0].ID; got != want.Surface[0].ID {
		t.Errorf("id = %q, want %q as encoding/json reads it", got, want.Surface[0].ID)
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		problem Problem
		want    string
	}{
		{Problem{"f.yaml", 3, 7, "a.b", "bad (expected good)"}, "f.yaml:3:7: a.b: bad (expected good)"},
		{Problem{"f.yaml", 3, 0, "", "invalid YAML: x"}, "f.yaml:3: invalid YAML: x"},
		{Problem{"f.yaml", 0, 0, "", "file is empty"}, "f.yaml: file is empty"},
	}
	for _, tt := range tests {
		if got := tt.problem.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
