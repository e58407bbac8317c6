package keyline

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors/extractortest"
)

const cargoLike = `# a comment
[crate]
name = "app"

[dependencies]
serde = { version = "1", features = [
  "derive",
] }
tokio.version = "1"

[dependencies.rand]
version = "0.8"

[[package]]
name = "a"
[package.source]
url = "x"

[[package]]
name = "b"
deps = [
  "one",
  { name = "two" },
]
`

func TestTOMLLines(t *testing.T) {
	doc, err := ParseTOML([]byte(cargoLike))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path []string
		want int
	}{
		{[]string{"dependencies", "serde"}, 6},
		{[]string{"dependencies", "serde", "features", "0"}, 7},
		{[]string{"dependencies", "tokio"}, 9},
		{[]string{"dependencies", "tokio", "version"}, 9},
		{[]string{"dependencies", "rand"}, 11},
		{[]string{"dependencies", "rand", "version"}, 12},
		{[]string{"dependencies", "missing"}, 5},
		{[]string{"package", "0"}, 14},
		{[]string{"package", "0", "source", "url"}, 17},
		{[]string{"package", "1", "name"}, 20},
		{[]string{"package", "1", "deps", "0"}, 22},
		{[]string{"package", "1", "deps", "1", "name"}, 23},
		{[]string{"nowhere"}, 1},
	}
	for _, tt := range tests {
		if got := doc.Line(tt.path...); got != tt.want {
			t.Errorf("Line(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}
	if name := doc.Root["package"]; name == nil {
		t.Errorf("decoded document lacks [package]: %v", doc.Root)
	}
}

func TestTOMLErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		wantLine  int
	}{
		{"syntax", "a = 1\nb = \n", 2},
		{"unclosed table", "a = 1\n\n[dep\n", 3},
		{"duplicate key", "a = 1\nb = 2\na = 3\n", 3},
		{"end of input", "a = [1,\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseTOML([]byte(tt.doc))
			if doc != nil {
				t.Errorf("got a document for a broken file")
			}
			if line := extractortest.ErrorLine(err); line != tt.wantLine {
				t.Errorf("error %v at line %d, want %d", err, line, tt.wantLine)
			}
		})
	}
}

const lockLike = `{
  "packages": [
    {
      "name": "a/b",
      "require": {"c/d": "^1"}
    },
    {"name": "e/f"}
  ],
  "empty": {},
  "list": [[1, 2], []]
}`

func TestJSONLines(t *testing.T) {
	doc, err := ParseJSON([]byte(lockLike))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, p := range [][]string{
		{"packages"}, {"packages", "0"}, {"packages", "0", "name"},
		{"packages", "0", "require", "c/d"}, {"packages", "1"}, {"packages", "1", "name"},
		{"empty"}, {"list", "1"}, {"packages", "9"},
	} {
		got[join(p)] = doc.Line(p...)
	}
	want := map[string]int{
		join([]string{"packages"}): 2, join([]string{"packages", "0"}): 3,
		join([]string{"packages", "0", "name"}):           4,
		join([]string{"packages", "0", "require", "c/d"}): 5,
		join([]string{"packages", "1"}):                   7,
		join([]string{"packages", "1", "name"}):           7,
		join([]string{"empty"}):                           9, join([]string{"list", "1"}): 10,
		join([]string{"packages", "9"}): 2,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		wantLine  int
	}{
		{"syntax", "{\n  \"a\": 1,\n  ,\n}", 3},
		{"truncated", "{\n  \"a\": [\n", 2},
		{"not an object", "[1, 2]", 1},
		{"null", "null", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseJSON([]byte(tt.doc))
			if doc != nil {
				t.Errorf("got a document for a broken file")
			}
			if line := extractortest.ErrorLine(err); line != tt.wantLine {
				t.Errorf("error %v at line %d, want %d", err, line, tt.wantLine)
			}
		})
	}
}
