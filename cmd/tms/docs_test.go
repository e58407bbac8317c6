package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestDocumentationLinksResolve checks every relative link in the README and
// the docs, so a renamed or missing page shows up before a reader finds it.
func TestDocumentationLinksResolve(t *testing.T) {
	pages, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../../docs/*/*.md")
	pages = append(pages, more...)
	pages = append(pages, "../../README.md", "../../CONTRIBUTING.md")

	for _, page := range pages {
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range markdownLink.FindAllStringSubmatch(string(text), -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(page), target)); err != nil {
				t.Errorf("%s links to %s, which does not exist", page, m[1])
			}
		}
	}
}

// TestInputDocumentShowsRealOutput keeps the worked example of
// docs/input.md true: its JSON is what tms input prints for the files under
// docs/input-example, copied outside this repository's checkout so that no
// commit shows. Run with -update to rewrite the block after an intended
// change to the input.
func TestInputDocumentShowsRealOutput(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", pinnedDate)
	repo := filepath.Join(t.TempDir(), "inex")
	if err := os.CopyFS(repo, os.DirFS("../../docs/input-example")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"input", "--repo", repo}, &stdout, &stderr); code != exitPass {
		t.Fatalf("exit code %d\n%s", code, stderr.String())
	}

	const page = "../../docs/input.md"
	doc, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	start, end := workedExample(t, string(doc))
	if *update {
		doc = []byte(string(doc[:start]) + stdout.String() + string(doc[end:]))
		if err := os.WriteFile(page, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(string(doc[start:end]), stdout.String()); diff != "" {
		t.Errorf("%s's worked example is not what tms input prints (-doc +real); "+
			"run go test -update:\n%s", page, diff)
	}
}

// workedExample returns where the JSON of the worked example starts and
// ends in the page: the first json block after its heading.
func workedExample(t *testing.T, doc string) (start, end int) {
	t.Helper()
	heading := strings.Index(doc, "## A worked example")
	open := strings.Index(doc[max(heading, 0):], "```json\n")
	if heading < 0 || open < 0 {
		t.Fatal("docs/input.md has no json block under ## A worked example")
	}
	start = heading + open + len("```json\n")
	closing := strings.Index(doc[start:], "```\n")
	if closing < 0 {
		t.Fatal("the worked example's json block is not closed")
	}
	return start, start + closing
}
