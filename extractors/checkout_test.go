package extractors_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

// commitTree makes dir a git checkout that tracks the given files, without a
// git binary, the way a CI clone of a monorepo looks.
func commitTree(t *testing.T, dir string, tracked ...string) {
	t.Helper()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range tracked {
		if _, err := wt.Add(name); err != nil {
			t.Fatal(err)
		}
	}
}

// A service of a monorepo is walked with the ignore rules of the folders
// above it, and a file git tracks is surface even when a .gitignore names
// it: git ignores untracked files only, so ignoring a committed file must
// not hide it from the policies.
func TestWalkUsesTheCheckoutAroundIt(t *testing.T) {
	top := writeTree(t, map[string]string{
		"svc/api/main.txt":      "",
		"svc/api/config.txt":    "",
		"svc/api/dist/keep.txt": "",
	})
	commitTree(t, top, "svc/api/main.txt", "svc/api/config.txt", "svc/api/dist/keep.txt")
	for name, content := range map[string]string{
		".gitignore":              "dist/\n",
		"svc/.gitignore":          "config.txt\nlocal.txt\n",
		".git/info/exclude":       "scratch.txt\n",
		"svc/api/dist/bundle.txt": "",
		"svc/api/local.txt":       "",
		"svc/api/scratch.txt":     "",
		"svc/api/new.txt":         "",
	} {
		p := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	res := walk(t, filepath.Join(top, "svc", "api"), extractors.Options{})

	want := []string{"file:config.txt", "file:dist/keep.txt", "file:main.txt", "file:new.txt"}
	if diff := cmp.Diff(want, ids(res)); diff != "" {
		t.Errorf("walked (-want +got):\n%s", diff)
	}
}

// The merge base of a pull request is written from a git tree: every file
// in it was tracked, so no .gitignore leaves one out.
func TestWalkOfAGitTreeIgnoresNothing(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".gitignore": "*.txt\n",
		"a.txt":      "",
	})

	res := walk(t, dir, extractors.Options{GitTree: true})

	if diff := cmp.Diff([]string{"file:a.txt"}, ids(res)); diff != "" {
		t.Errorf("walked (-want +got):\n%s", diff)
	}
}

func TestFindCheckoutLooksUpwards(t *testing.T) {
	top := writeTree(t, map[string]string{"a/b/c.txt": ""})
	commitTree(t, top)

	got, gitDir := extractors.FindCheckout(filepath.Join(top, "a", "b"))

	if got != top || gitDir != filepath.Join(top, ".git") {
		t.Errorf("FindCheckout = %q, %q; want %q and its .git", got, gitDir, top)
	}
}

// Tool folders (.tox, vendor, node_modules) stay unread, but the tracked
// files an extractor would have read there are counted per folder, so that
// moving a service into .tox cannot hide it unseen. Untracked ones, such
// as what npm install writes, are not.
func TestWalkCountsTrackedFilesInSkippedFolders(t *testing.T) {
	top := writeTree(t, map[string]string{
		".tox/billing/main.txt":    "",
		".tox/billing/notes.md":    "",
		"web/vendor/lib/a.txt":     "",
		"web/vendor/lib/b.txt":     "",
		"node_modules/pad/x.txt":   "",
		"services/api/handler.txt": "",
	})
	commitTree(t, top, ".tox/billing/main.txt", ".tox/billing/notes.md",
		"web/vendor/lib/a.txt", "web/vendor/lib/b.txt", "services/api/handler.txt")

	res := walk(t, top, extractors.Options{})

	if diff := cmp.Diff([]string{"file:services/api/handler.txt"}, ids(res)); diff != "" {
		t.Errorf("walked (-want +got):\n%s", diff)
	}
	want := []extractors.Exclusion{{Glob: ".tox/**", Files: 1}, {Glob: "web/vendor/**", Files: 2}}
	if diff := cmp.Diff(want, res.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
}
