package extractortest

import (
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

// recorder collects what a helper reports instead of failing the test.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatal(args ...any) {
	r.failures = append(r.failures, fmt.Sprint(args...))
	runtime.Goexit()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

// failures runs check on a goroutine of its own, so that a fatal report
// ends only check, and returns what it reported.
func failures(check func(t testing.TB)) []string {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(r)
	}()
	<-done
	return r.failures
}

func TestRepos(t *testing.T) {
	texts := Files[string]{"a/b.txt": "text"}
	if got, err := texts.ReadFile("a/b.txt"); err != nil || string(got) != "text" {
		t.Errorf("Files.ReadFile = %q, %v; want text", got, err)
	}
	for name, repo := range map[string]extractors.Repo{
		"Files": Files[[]byte]{}, "DirRepo": DirRepo("testdata/none"),
	} {
		if _, err := repo.ReadFile("missing"); !errors.Is(err, extractors.ErrNotInInventory) {
			t.Errorf("%s: error %v for a missing file, want ErrNotInInventory", name, err)
		}
	}
}

func TestCheckItems(t *testing.T) {
	file := extractors.File{Path: "app/manifest", Content: []byte("one\ntwo\nthree")}
	item := func(p string, line int) extractors.Item {
		return extractors.Item{ID: "k:" + p, Kind: "k", Name: "n", Location: At(p, line)}
	}
	lock := Files[string]{"app/lock": "one\ntwo"}
	tests := []struct {
		name  string
		items []extractors.Item
		err   error
		opts  []Option
		fails int
	}{
		{name: "items and an error on lines of the file",
			items: []extractors.Item{item("app/manifest", 1), item("app/manifest", 3)},
			err:   extractors.AtLine(3, errors.New("bad"))},
		{name: "error past the end", err: extractors.AtLine(4, errors.New("bad")), fails: 1},
		{name: "error without a line", err: errors.New("bad"), fails: 1},
		{name: "error without a line allowed", err: errors.New("lock line 2: bad"),
			opts: []Option{LinelessErrors()}},
		{name: "error at line 0 even when lineless ones are allowed",
			err: extractors.AtLine(0, errors.New("bad")), opts: []Option{LinelessErrors()},
			fails: 1},
		{name: "item before the first line", items: []extractors.Item{item("app/manifest", 0)},
			fails: 1},
		{name: "item past the end", items: []extractors.Item{item("app/manifest", 4)}, fails: 1},
		{name: "item without a name",
			items: []extractors.Item{{ID: "k:x", Kind: "k", Location: At("app/manifest", 1)}},
			fails: 1},
		{name: "item without a name allowed",
			items: []extractors.Item{{ID: "k:x", Kind: "k", Location: At("app/manifest", 1)}},
			opts:  []Option{UnnamedItems()}},
		{name: "item without a kind even when names may be empty",
			items: []extractors.Item{{ID: "k:x", Location: At("app/manifest", 1)}},
			opts:  []Option{UnnamedItems()}, fails: 1},
		{name: "item in another file", items: []extractors.Item{item("app/lock", 1)}, fails: 1},
		{name: "item in a file read beside it", items: []extractors.Item{item("app/lock", 2)},
			opts: []Option{ItemsIn(lock)}},
		{name: "item past the end of a file read beside it",
			items: []extractors.Item{item("app/lock", 3)}, opts: []Option{ItemsIn(lock)},
			fails: 1},
		{name: "item in a file the repository does not hold",
			items: []extractors.Item{item("app/gone", 1)}, opts: []Option{ItemsIn(lock)},
			fails: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := failures(func(r testing.TB) {
				CheckItems(r, file, tt.items, tt.err, tt.opts...)
			})
			if len(got) != tt.fails {
				t.Errorf("%d failures, want %d: %q", len(got), tt.fails, got)
			}
		})
	}
}

func TestCheckResult(t *testing.T) {
	items := []extractors.Item{{ID: "k:a", Kind: "k", Name: "a", Location: At("f", 2)}}
	err := extractors.AtLine(2, errors.New("unexpected end"))
	tests := []struct {
		name     string
		want     []extractors.Item
		wantLine int
		wantErr  string
		gotErr   error
		fails    int
	}{
		{name: "all as wanted", want: items, wantLine: 2, wantErr: "end", gotErr: err},
		{name: "other items", wantLine: 2, gotErr: err, fails: 1},
		{name: "other line", want: items, wantLine: 3, gotErr: err, fails: 1},
		{name: "other text", want: items, wantLine: 2, wantErr: "start", gotErr: err, fails: 1},
		{name: "text wanted of no error", want: items, wantErr: "end", fails: 1},
		{name: "no error wanted", want: items, gotErr: err, fails: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := failures(func(r testing.TB) {
				CheckResult(r, items, tt.gotErr, tt.want, tt.wantLine, tt.wantErr)
			})
			if len(got) != tt.fails {
				t.Errorf("%d failures, want %d: %q", len(got), tt.fails, got)
			}
		})
	}
}

func TestCheckExpected(t *testing.T) {
	type want Expected
	items := []extractors.Item{
		{ID: "k:f#a", Name: "a", Exposure: extractors.ExposurePublic, Location: At("f", 3),
			Attributes: map[string]any{"port": 80, "other": true}},
		{ID: "k:f#b", Name: "b", Exposure: extractors.ExposureInternal, Location: At("f", 5)},
	}
	byName := func(it extractors.Item) string { return it.Name }
	tests := []struct {
		name  string
		want  map[string]want
		fails int
	}{
		{name: "as expected", want: map[string]want{
			"a": {3, extractors.ExposurePublic, map[string]any{"port": 80}},
			"b": {5, extractors.ExposureInternal, nil},
		}},
		{name: "each field differs", want: map[string]want{
			"a": {4, extractors.ExposureUnknown, map[string]any{"port": 443}},
			"b": {5, extractors.ExposureInternal, nil},
		}, fails: 3},
		{name: "one unexpected, one missing", want: map[string]want{
			"a": {3, extractors.ExposurePublic, nil},
			"c": {5, extractors.ExposureInternal, nil},
		}, fails: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := failures(func(r testing.TB) { CheckExpected(r, "f", items, byName, tt.want) })
			if len(got) != tt.fails {
				t.Errorf("%d failures, want %d: %q", len(got), tt.fails, got)
			}
		})
	}
}

func TestDependency(t *testing.T) {
	base := map[string]any{"ecosystem": "npm", "direct": true}
	got := Dependency("web/package.json", At("web/package-lock.json", 9), base,
		map[string]any{"name": "left-pad", "direct": false})
	want := extractors.Item{
		ID: "dependency:web/package.json#left-pad", Kind: "dependency", Name: "left-pad",
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"ecosystem": "npm", "direct": false, "name": "left-pad",
		},
		Location: At("web/package-lock.json", 9),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Dependency (-want +got):\n%s", diff)
	}
	if len(base) != 2 || base["direct"] != true {
		t.Errorf("Dependency changed its base attributes: %v", base)
	}
}

func TestSeeds(t *testing.T) {
	seeds := Seeds(t, "doc.go", "*_test.go")
	if len(seeds) != 2 || seeds[0].Path != "doc.go" || seeds[1].Path != "extractortest_test.go" ||
		len(seeds[1].Content) == 0 {
		t.Errorf("%d seeds, want doc.go and this file", len(seeds))
	}
	if got := failures(func(r testing.TB) { Seeds(r, "*.none") }); len(got) != 1 {
		t.Errorf("a pattern without files reported %q, want one failure", got)
	}
}

func TestExtractFixture(t *testing.T) {
	got := failures(func(r testing.TB) { ExtractFixture(r, nil, "testdata", "missing") })
	if len(got) != 1 {
		t.Errorf("a missing fixture reported %q, want one failure", got)
	}
}

// pairExtractor stands for a dependency extractor: from a manifest it gives
// one item in the manifest and one in the lockfile beside it, if there is
// one; from a lockfile alone, one item in the manifest it no longer has.
type pairExtractor struct{}

func (pairExtractor) Name() string      { return "pair" }
func (pairExtractor) Match(string) bool { return true }

func (pairExtractor) Extract(f extractors.File, repo extractors.Repo) ([]extractors.Item,
	error) {
	item := func(p string) extractors.Item {
		return extractors.Item{ID: "d:" + p, Kind: "d", Name: "d", Location: At(p, 1)}
	}
	if f.Path == "lock" {
		return []extractors.Item{item("manifest")}, nil
	}
	if _, err := repo.ReadFile("lock"); err != nil {
		return []extractors.Item{item("manifest")}, err
	}
	return []extractors.Item{item("manifest"), item("lock")}, errors.New("lock line 1: bad")
}

func TestCheckManifestAndLockfile(t *testing.T) {
	manifest := extractors.File{Path: "manifest", Content: []byte("m")}
	lock := extractors.File{Path: "lock", Content: []byte("l")}
	got := failures(func(r testing.TB) {
		CheckManifestAndLockfile(r, pairExtractor{}, manifest, lock)
	})
	// Only the item the lockfile alone places in the absent manifest fails.
	if len(got) != 1 {
		t.Errorf("%d failures, want 1: %q", len(got), got)
	}
}
