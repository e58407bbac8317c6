package depset

import (
	"path"
	"strings"
)

// InsideRepository reports whether target, a directory named relative to
// dir, stays in the repository. Its content is then fixed by the
// repository's own commit, which is what pins a path dependency. Windows
// separators are accepted, as manifests travel between systems.
func InsideRepository(dir, target string) bool {
	target = strings.ReplaceAll(strings.TrimPrefix(target, "file:"), `\`, "/")
	if path.IsAbs(target) || strings.HasPrefix(target, "~") ||
		len(target) >= 2 && target[1] == ':' {
		return false
	}
	joined := path.Join(dir, target)
	return joined != ".." && !strings.HasPrefix(joined, "../")
}
