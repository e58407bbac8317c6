package engine

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// headCommit reads the HEAD commit of the git checkout at dir without running
// git, which CI images do not always have. It returns "" when dir is not the
// top of a checkout or HEAD cannot be resolved.
func headCommit(dir string) string {
	gitDir := resolveGitDir(dir)
	if gitDir == "" {
		return ""
	}
	head, err := os.ReadFile(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return ""
	}

	ref, isRef := strings.CutPrefix(strings.TrimSpace(string(head)), "ref: ")
	if !isRef {
		return ref // detached HEAD holds the commit itself
	}
	return resolveRef(gitDir, ref)
}

// resolveGitDir follows the "gitdir:" file that worktrees and submodules use
// in place of a .git directory.
func resolveGitDir(dir string) string {
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

// resolveRef looks for a branch in its loose file first, then in packed-refs.
// A linked worktree keeps branches in the main repository's directory.
func resolveRef(gitDir, ref string) string {
	for _, dir := range []string{gitDir, commonDir(gitDir)} {
		if data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ref))); err == nil {
			return strings.TrimSpace(string(data))
		}
		if commit := packedRef(dir, ref); commit != "" {
			return commit
		}
	}
	return ""
}

func commonDir(gitDir string) string {
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

func packedRef(gitDir, ref string) string {
	f, err := os.Open(filepath.Join(gitDir, "packed-refs"))
	if err != nil {
		return ""
	}
	defer f.Close()

	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		commit, name, ok := strings.Cut(scanner.Text(), " ")
		if ok && name == ref {
			return commit
		}
	}
	return ""
}
