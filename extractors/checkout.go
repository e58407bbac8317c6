package extractors

import (
	"bufio"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// FindCheckout returns the top of the git work tree that holds dir and its
// git directory, or two empty strings when dir is in none. The repository a
// user points tms at is often one service of a monorepo, whose .gitignore and
// HEAD live above it.
func FindCheckout(dir string) (top, gitDir string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		if g := gitDirOf(d); g != "" {
			return d, g
		}
		if filepath.Dir(d) == d {
			return "", ""
		}
	}
}

// gitDirOf follows the "gitdir:" file that worktrees and submodules use in
// place of a .git directory.
func gitDirOf(dir string) string {
	dotGit := filepath.Join(dir, ".git")
	info, err := os.Stat(dotGit)
	if err != nil {
		return ""
	}
	if info.IsDir() {
		return dotGit
	}
	data, err := os.ReadFile(dotGit)
	if err != nil {
		return ""
	}
	target, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir: ")
	if !ok {
		return ""
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir, target)
	}
	return target
}

// checkout is what git knows about the walked tree: the ignore rules that
// apply from above it, and the files it tracks. Git ignores only untracked
// files, so a committed file stays surface even when a .gitignore names it;
// otherwise a repository could hide a file from the policies by ignoring it.
type checkout struct {
	prefix      []string // the walked directory, relative to the top
	above       []gitignore.Pattern
	tracked     map[string]bool // paths relative to the walked directory
	trackedDirs map[string]bool
}

// readCheckout reads the checkout that holds dir. Without one, or when its
// index cannot be read, every file is treated as untracked, as before git
// knows of it.
func readCheckout(dir string) *checkout {
	c := &checkout{}
	top, gitDir := FindCheckout(dir)
	if top == "" {
		return c
	}
	abs, _ := filepath.Abs(dir)
	rel, err := filepath.Rel(top, abs)
	if err != nil {
		return c
	}
	if rel != "." {
		c.prefix = strings.Split(filepath.ToSlash(rel), "/")
	}

	c.above = ignoreFile(filepath.Join(CommonGitDir(gitDir), "info", "exclude"), nil)
	for i := range c.prefix {
		ancestor := filepath.Join(append([]string{top}, c.prefix[:i]...)...)
		c.above = append(c.above, ignoreFile(filepath.Join(ancestor, ".gitignore"), c.prefix[:i])...)
	}
	c.readIndex(filepath.Join(gitDir, "index"))
	return c
}

// readIndex records the tracked files under the walked directory and every
// directory that holds one, so that an ignored directory with a tracked file
// in it is still entered.
func (c *checkout) readIndex(name string) {
	f, err := os.Open(name)
	if err != nil {
		return
	}
	defer f.Close()

	var idx index.Index
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(&idx); err != nil {
		return
	}
	under := strings.Join(c.prefix, "/")
	c.tracked, c.trackedDirs = map[string]bool{}, map[string]bool{}
	for _, e := range idx.Entries {
		rel := e.Name
		if under != "" {
			var ok bool
			if rel, ok = strings.CutPrefix(e.Name, under+"/"); !ok {
				continue
			}
		}
		c.tracked[rel] = true
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			c.trackedDirs[d] = true
		}
	}
}

// isTracked reports whether git tracks the file, or a file under the
// directory, at rel.
func (c *checkout) isTracked(rel string, isDir bool) bool {
	if isDir {
		return c.trackedDirs[rel]
	}
	return c.tracked[rel]
}

// CommonGitDir is where a linked worktree's shared files (info/exclude, the
// branches) live; for any other checkout it is gitDir itself.
func CommonGitDir(gitDir string) string {
	data, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if err != nil {
		return gitDir
	}
	common := strings.TrimSpace(string(data))
	if !filepath.IsAbs(common) {
		common = filepath.Join(gitDir, common)
	}
	return common
}

// ignoreFile parses an ignore file outside the walked tree; a missing one
// adds no patterns.
func ignoreFile(name string, domain []string) []gitignore.Pattern {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	return parseIgnore(f, domain)
}
