package engine

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ErrNoMergeBase is returned when the history does not reach the commit the
// change started from, usually because CI checked out a shallow clone.
var ErrNoMergeBase = errors.New("no merge base")

// checkoutBase writes the repository as it was at the merge base of ref and
// HEAD into dir, from git's objects: the work tree is not touched. Only the
// part of the tree under repoDir is written, when repoDir is a subdirectory
// of the checkout. It returns the merge base commit.
func checkoutBase(repoDir, ref, dir string, maxFileSize int64) (string, error) {
	repo, err := openCheckout(repoDir)
	if err != nil {
		return "", fmt.Errorf("--base needs a git repository: %w", err)
	}
	base, err := mergeBase(repo, ref)
	if err != nil {
		return "", err
	}
	return base.Hash.String(), checkoutCommit(repo, base, repoDir, dir, maxFileSize)
}

// openCheckout opens the git repository that holds repoDir.
func openCheckout(repoDir string) (*git.Repository, error) {
	return git.PlainOpenWithOptions(repoDir, &git.PlainOpenOptions{
		DetectDotGit: true, EnableDotGitCommonDir: true,
	})
}

// checkoutCommit writes the part of commit's tree under repoDir into dir;
// nothing when repoDir did not exist yet in that commit.
func checkoutCommit(repo *git.Repository, commit *object.Commit, repoDir, dir string,
	maxFileSize int64) error {
	tree, err := commit.Tree()
	if err != nil {
		return err
	}
	sub, err := subdirectory(repo, repoDir)
	if err != nil {
		return err
	}
	if sub != "" {
		if tree, err = tree.Tree(sub); err != nil {
			return nil
		}
	}
	return writeTree(tree, dir, maxFileSize)
}

func mergeBase(repo *git.Repository, ref string) (*object.Commit, error) {
	refHash, err := repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		return nil, fmt.Errorf("--base %s: %w (fetch it first, e.g. %s)", ref, err, fetchHint(repo, ref))
	}
	head, err := repo.Head()
	if err != nil {
		return nil, fmt.Errorf("--base: read HEAD: %w", err)
	}
	headCommit, err := repo.CommitObject(head.Hash())
	if err != nil {
		return nil, err
	}
	refCommit, err := repo.CommitObject(*refHash)
	if err != nil {
		return nil, err
	}
	bases, err := headCommit.MergeBase(refCommit)
	if err != nil || len(bases) == 0 {
		return nil, fmt.Errorf("%w between HEAD and %s: the history is too shallow; "+
			"fetch all of it (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0)", ErrNoMergeBase, ref)
	}
	return bases[0], nil
}

// fetchHint is the git fetch command that brings ref into the clone. A ref
// named through a remote ("origin/main") is fetched by its name on that
// remote ("git fetch origin main").
func fetchHint(repo *git.Repository, ref string) string {
	remotes, err := repo.Remotes()
	if err == nil {
		for _, r := range remotes {
			if branch, ok := strings.CutPrefix(ref, r.Config().Name+"/"); ok {
				return "git fetch " + r.Config().Name + " " + branch
			}
		}
	}
	return "git fetch origin " + ref
}

// subdirectory is repoDir relative to the top of the work tree, slash-separated.
func subdirectory(repo *git.Repository, repoDir string) (string, error) {
	wt, err := repo.Worktree()
	if err != nil {
		return "", fmt.Errorf("--base: %w", err)
	}
	top, err := filepath.EvalSymlinks(wt.Filesystem.Root())
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(repoDir)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == "." {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

// writeTree copies regular files of tree into dir through os.Root, so that no
// path in a hostile history can land outside dir. Symlinks and submodules
// are left out, as the walk leaves them out of the work tree.
func writeTree(tree *object.Tree, dir string, maxFileSize int64) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()

	made := map[string]bool{".": true}
	return tree.Files().ForEach(func(f *object.File) error {
		if f.Mode != filemode.Regular && f.Mode != filemode.Executable {
			return nil
		}
		return writeBlob(root, made, f, maxFileSize)
	})
}

func writeBlob(root *os.Root, made map[string]bool, f *object.File, maxFileSize int64) error {
	name := path.Clean(f.Name)
	if !filepath.IsLocal(name) || strings.Contains(name, "\\") {
		return nil
	}
	if err := mkdirAll(root, made, path.Dir(name)); err != nil {
		return err
	}
	out, err := root.Create(name)
	if err != nil {
		return err
	}
	defer out.Close()

	r, err := f.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	// One byte past the limit is enough for the walk to report the file as
	// too large, as it would in the work tree.
	_, err = io.Copy(out, io.LimitReader(r, maxFileSize+1))
	return err
}

// mkdirAll makes dir and its missing parents under root. made holds the
// directories already made, so that each costs one system call per tree
// rather than one for every file below it.
func mkdirAll(root *os.Root, made map[string]bool, dir string) error {
	if made[dir] {
		return nil
	}
	if err := mkdirAll(root, made, path.Dir(dir)); err != nil {
		return err
	}
	if err := root.Mkdir(dir, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	made[dir] = true
	return nil
}
