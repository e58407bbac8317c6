package extractors_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

// lineCounter claims *.txt files and reports one item per file, named after
// the file, so tests can see exactly which files reached an extractor.
type lineCounter struct{}

func (lineCounter) Name() string { return "lines" }

func (lineCounter) Match(path string) bool { return strings.HasSuffix(path, ".txt") }

func (lineCounter) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	item := extractors.Item{
		ID: "file:" + f.Path, Kind: "file", Name: f.Path, Exposure: extractors.ExposureInternal,
		Location: extractors.Location{Path: f.Path, Line: 1},
	}
	if strings.Contains(string(f.Content), "broken") {
		return []extractors.Item{item}, extractors.AtLine(2, os.ErrInvalid)
	}
	return []extractors.Item{item}, nil
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func walk(t *testing.T, dir string, opts extractors.Options) *extractors.Result {
	t.Helper()
	opts.Extractors = []extractors.Extractor{lineCounter{}}
	res, err := extractors.Walk(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func ids(res *extractors.Result) []string {
	var out []string
	for _, it := range res.Items {
		out = append(out, it.ID)
	}
	return out
}

func TestWalkHonoursIgnoreRules(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".gitignore":              "*.log\n/build/\n!keep.log\n",
		"a.txt":                   "",
		"debug.log":               "",
		"keep.log":                "",
		"build/out.txt":           "",
		"sub/.gitignore":          "local.txt\n",
		"sub/local.txt":           "",
		"sub/kept.txt":            "",
		"sub/build/in-sub.txt":    "",
		"node_modules/x/a.txt":    "",
		"vendor/y/b.txt":          "",
		"excluded/c.txt":          "",
		".git/info/exclude":       "secret.txt\n",
		"secret.txt":              "",
		"deep/er/still/ok.txt":    "",
		"deep/er/still/build.txt": "",
	})
	res := walk(t, dir, extractors.Options{Exclude: []string{"excluded/**"}})

	want := []string{
		"file:a.txt", "file:deep/er/still/build.txt", "file:deep/er/still/ok.txt",
		"file:sub/build/in-sub.txt", "file:sub/kept.txt",
	}
	if diff := cmp.Diff(want, ids(res)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	if !contains(paths, "keep.log") || contains(paths, "debug.log") {
		t.Errorf("inventory should keep keep.log (negated) and drop debug.log: %v", paths)
	}
}

// TestWalkCountsExcludedFiles checks that each exclude glob reports the
// files it kept out, including those under a directory it matched, and that
// files ignored anyway are not counted against it.
func TestWalkCountsExcludedFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.txt":                      "",
		"services/billing/app.py":       "",
		"services/billing/Dockerfile":   "",
		"services/billing/.gitignore":   "*.tmp\n",
		"services/billing/cache.tmp":    "",
		"services/billing/vendor/x.txt": "",
		"services/billing/deep/a.txt":   "",
		"docs/a.min.js":                 "",
		"docs/b.min.js":                 "",
	})
	res := walk(t, dir, extractors.Options{Exclude: []string{
		"services/billing/**", "**/*.min.js", "services/billing/deep/**", "nothing/**",
	}})

	want := []extractors.Exclusion{
		{Glob: "services/billing/**", Files: 4},
		{Glob: "**/*.min.js", Files: 2},
		{Glob: "services/billing/deep/**", Files: 0},
		{Glob: "nothing/**", Files: 0},
	}
	if diff := cmp.Diff(want, res.Excluded); diff != "" {
		t.Errorf("excluded (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"file:main.txt"}, ids(res)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestWalkNeverFollowsSymlinks(t *testing.T) {
	outside := writeTree(t, map[string]string{"outside.txt": ""})
	dir := writeTree(t, map[string]string{"in.txt": ""})
	links := map[string]string{
		"loop":       "loop",
		"up":         "..",
		"escape.txt": filepath.Join(outside, "outside.txt"),
		"alias.txt":  "in.txt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}

	res := walk(t, dir, extractors.Options{})
	if diff := cmp.Diff([]string{"file:in.txt"}, ids(res)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if len(res.Files) != 1 {
		t.Errorf("inventory = %v, want only in.txt", res.Files)
	}
}

func TestWalkReportsFilesItCannotRead(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"big.txt":    strings.Repeat("x", 100),
		"binary.txt": "abc\x00def",
		"bad.txt":    "broken",
		"fine.txt":   "ok",
	})
	res := walk(t, dir, extractors.Options{MaxFileSize: 50})

	want := []extractors.Diagnostic{
		{Extractor: "lines", Message: "invalid argument", Location: extractors.Location{Path: "bad.txt", Line: 2}},
		{Extractor: "lines", Message: "file is larger than the size limit of 50 bytes (size 100)",
			Location: extractors.Location{Path: "big.txt"}},
		{Extractor: "lines", Message: "file is binary", Location: extractors.Location{Path: "binary.txt"}},
	}
	if diff := cmp.Diff(want, res.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	// An extractor's items survive its error: what it could read is kept.
	if diff := cmp.Diff([]string{"file:bad.txt", "file:fine.txt"}, ids(res)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

// TestWalkReportsDirectoriesItCannotRead checks that a directory the walk
// cannot list, here one whose name is not valid UTF-8, becomes a diagnostic
// naming it rather than vanishing from the surface unnoticed, while its
// siblings are read.
func TestWalkReportsDirectoriesItCannotRead(t *testing.T) {
	dir := writeTree(t, map[string]string{"fine.txt": "ok"})
	odd := filepath.Join(dir, "svc\xff")
	if err := os.Mkdir(odd, 0o755); err != nil {
		t.Skipf("the file system refuses a name that is not valid UTF-8: %v", err)
	}
	if err := os.WriteFile(filepath.Join(odd, "api.txt"), []byte("ok"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := walk(t, dir, extractors.Options{})

	want := []extractors.Diagnostic{{
		Extractor: "tms",
		Message:   `directory not read, nor any file under it: its name "svc\xff" is not valid UTF-8`,
		Location:  extractors.Location{Path: "svc\uFFFD"},
	}}
	if diff := cmp.Diff(want, res.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"file:fine.txt"}, ids(res)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

// renamed is lineCounter under another name: a second extractor claiming the
// same files.
type renamed struct {
	lineCounter
	name string
}

func (r renamed) Name() string { return r.name }

func TestWalkReportsAnUnreadableFileOnce(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"big.txt":    strings.Repeat("x", 100),
		"binary.txt": "abc\x00def",
	})
	res, err := extractors.Walk(context.Background(), dir, extractors.Options{
		Extractors:  []extractors.Extractor{renamed{name: "words"}, lineCounter{}, renamed{name: "chars"}},
		MaxFileSize: 50,
	})
	if err != nil {
		t.Fatal(err)
	}

	want := []extractors.Diagnostic{
		{Extractor: "chars, lines, words", Message: "file is larger than the size limit of 50 bytes (size 100)",
			Location: extractors.Location{Path: "big.txt"}},
		{Extractor: "chars, lines, words", Message: "file is binary",
			Location: extractors.Location{Path: "binary.txt"}},
	}
	if diff := cmp.Diff(want, res.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// panicker claims *.txt files and panics on each, with a value quoting the
// file as a careless extractor might.
type panicker struct{}

func (panicker) Name() string { return "panicker" }

func (panicker) Match(path string) bool { return strings.HasSuffix(path, ".txt") }

func (panicker) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	panic("cannot parse " + string(f.Content))
}

func TestWalkTurnsAnExtractorPanicIntoADiagnostic(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "password=hunter2"})
	res, err := extractors.Walk(context.Background(), dir, extractors.Options{
		Extractors: []extractors.Extractor{panicker{}, lineCounter{}},
	})
	if err != nil {
		t.Fatal(err)
	}

	if len(res.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %+v", len(res.Diagnostics), res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Extractor != "panicker" || d.Location.Path != "a.txt" {
		t.Errorf("diagnostic names %s on %s, want panicker on a.txt", d.Extractor, d.Location.Path)
	}
	if !strings.Contains(d.Message, "bug in tms") || strings.Contains(d.Message, "hunter2") {
		t.Errorf("message %q should call it a bug without quoting the file", d.Message)
	}
	// The other extractor on the same file still reports what it found.
	if diff := cmp.Diff([]string{"file:a.txt"}, ids(res)); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
}

func TestWalkIsDeterministic(t *testing.T) {
	files := map[string]string{}
	for i := range 200 {
		files[filepath.Join("d"+string(rune('a'+i%26)), strings.Repeat("f", 1+i%7)+".txt")] = "x"
	}
	dir := writeTree(t, files)
	first := walk(t, dir, extractors.Options{Workers: 4})
	for range 5 {
		again := walk(t, dir, extractors.Options{Workers: 4})
		if diff := cmp.Diff(first, again); diff != "" {
			t.Fatalf("walks differ (-first +again):\n%s", diff)
		}
	}
}

func TestWalkStopsWhenCancelled(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": ""})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := extractors.Walk(ctx, dir, extractors.Options{}); err == nil {
		t.Error("Walk on a cancelled context returned no error")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestFingerprintIgnoresVersionsOnly(t *testing.T) {
	base := extractors.Item{
		ID: "dependency:go.mod#x", Kind: "dependency", Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{"version": "v1.0.0", "pinned": true, "source": "registry"},
	}
	with := func(key string, value any) extractors.Item {
		it := base
		it.Attributes = map[string]any{}
		for k, v := range base.Attributes {
			it.Attributes[k] = v
		}
		it.Attributes[key] = value
		return it
	}
	if base.SecurityFingerprint() != with("version", "v1.2.0").SecurityFingerprint() {
		t.Error("an upgrade changed the fingerprint")
	}
	if base.SecurityFingerprint() == with("source", "git").SecurityFingerprint() {
		t.Error("a change of source kept the fingerprint")
	}
	public := base
	public.Exposure = extractors.ExposurePublic
	if base.SecurityFingerprint() == public.SecurityFingerprint() {
		t.Error("a change of exposure kept the fingerprint")
	}
}

// manifestReader claims package.json and fails as a dependency extractor
// can: on a line of the manifest and on a line of the lockfile beside it.
type manifestReader struct{}

func (manifestReader) Name() string { return "deps" }

func (manifestReader) Match(path string) bool { return strings.HasSuffix(path, "package.json") }

func (manifestReader) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	lockfile := strings.TrimSuffix(f.Path, "package.json") + "package-lock.json"
	return nil, errors.Join(
		extractors.AtLine(2, errors.New("dependencies is not an object")),
		extractors.InFile(lockfile, extractors.AtLine(6, errors.New("invalid character"))),
		extractors.InFile(lockfile, errors.New("lockfileVersion 9 is unknown")))
}

// quoter fails on every file, quoting a line with a credential in a URL as
// a parser may.
type quoter struct{}

func (quoter) Name() string        { return "quoter" }
func (quoter) Match(p string) bool { return p == "requirements.txt" }
func (quoter) Extract(extractors.File, extractors.Repo) ([]extractors.Item, error) {
	return nil, extractors.AtLine(1, errors.New(
		`cannot parse "git+https://oauth2:GLTOKEN777@gitlab.example/a.git"`))
}

func TestWalkRedactsCredentialsInDiagnostics(t *testing.T) {
	dir := writeTree(t, map[string]string{"requirements.txt": "x"})
	res, err := extractors.Walk(context.Background(), dir, extractors.Options{
		Extractors: []extractors.Extractor{quoter{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || strings.Contains(res.Diagnostics[0].Message, "GLTOKEN777") ||
		!strings.Contains(res.Diagnostics[0].Message, "REDACTED@gitlab.example") {
		t.Errorf("diagnostics %+v: want the token redacted", res.Diagnostics)
	}
}

func TestWalkPlacesEachErrorAtItsOwnFile(t *testing.T) {
	dir := writeTree(t, map[string]string{"web/package.json": "{}", "web/package-lock.json": "{}"})
	res, err := extractors.Walk(context.Background(), dir, extractors.Options{
		Extractors: []extractors.Extractor{manifestReader{}},
	})
	if err != nil {
		t.Fatal(err)
	}

	want := []extractors.Diagnostic{
		{Extractor: "deps", Message: "lockfileVersion 9 is unknown",
			Location: extractors.Location{Path: "web/package-lock.json"}},
		{Extractor: "deps", Message: "invalid character",
			Location: extractors.Location{Path: "web/package-lock.json", Line: 6}},
		{Extractor: "deps", Message: "dependencies is not an object",
			Location: extractors.Location{Path: "web/package.json", Line: 2}},
	}
	if diff := cmp.Diff(want, res.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// garbler reports one item whose id holds the file's bytes as they are.
type garbler struct{}

func (garbler) Name() string        { return "garbler" }
func (garbler) Match(p string) bool { return p == "Dockerfile" }
func (garbler) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	name := strings.TrimSpace(string(f.Content))
	return []extractors.Item{{ID: "container.base:Dockerfile#" + name, Kind: "container.base",
		Name: name, Location: extractors.Location{Path: f.Path, Line: 1}}}, nil
}

// An id must be text: one with bytes that are not UTF-8 could not be written
// into the threat model, so the item is left out and the file reported.
func TestWalkLeavesOutItemsThatAreNotText(t *testing.T) {
	dir := writeTree(t, map[string]string{"Dockerfile": "alpine\xff:3"})

	res, err := extractors.Walk(context.Background(), dir,
		extractors.Options{Extractors: []extractors.Extractor{garbler{}}})
	if err != nil {
		t.Fatal(err)
	}

	if len(res.Items) != 0 {
		t.Errorf("items = %v, want none", ids(res))
	}
	want := []extractors.Diagnostic{{Extractor: "garbler",
		Message:  "left out a container.base whose name holds bytes that are not UTF-8",
		Location: extractors.Location{Path: "Dockerfile", Line: 1}}}
	if diff := cmp.Diff(want, res.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
