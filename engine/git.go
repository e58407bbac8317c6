package engine

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// headCommit reads the HEAD commit of the git checkout that holds dir
// without running git, which CI images do not always have. It returns ""
// when dir is in no checkout or HEAD cannot be resolved.
func headCommit(dir string) string {
	_, gitDir := extractors.FindCheckout(dir)
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

// resolveRef looks for a branch in its loose file first, then in packed-refs.
// A linked worktree keeps branches in the main repository's directory.
func resolveRef(gitDir, ref string) string {
	for _, dir := range []string{gitDir, extractors.CommonGitDir(gitDir)} {
		if data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ref))); err == nil {
			return strings.TrimSpace(string(data))
		}
		if commit := packedRef(dir, ref); commit != "" {
			return commit
		}
	}
	return ""
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
