package engine

import (
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// evidenceIndex maps each evidence pattern named by a mitigation to the files
// that match it. Rules then test evidence with one lookup instead of matching
// every pattern against every file in Rego. Plain paths, the common case, are
// looked up directly; only real globs scan the inventory.
func evidenceIndex(model *threatmodel.Model, files []extractors.FileInfo) map[string][]string {
	index := map[string][]string{}
	present := make(map[string]bool, len(files))
	for _, f := range files {
		present[f.Path] = true
	}

	for _, m := range model.Mitigations {
		for _, pattern := range m.Evidence {
			if _, done := index[pattern]; done {
				continue
			}
			index[pattern] = matchEvidence(pattern, present, files)
		}
	}
	return index
}

func matchEvidence(pattern string, present map[string]bool, files []extractors.FileInfo) []string {
	if !hasMeta(pattern) {
		if present[pattern] || hasFileUnder(pattern, files) {
			return []string{pattern}
		}
		return []string{}
	}

	matches := []string{}
	for _, f := range files {
		if ok, _ := doublestar.Match(pattern, f.Path); ok {
			matches = append(matches, f.Path)
		}
	}
	return matches
}

// hasFileUnder lets a plain directory path count as evidence when it holds at
// least one file; git does not track empty directories. files is sorted by
// path, so the first candidate is found by binary search.
func hasFileUnder(dir string, files []extractors.FileInfo) bool {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	i := sort.Search(len(files), func(i int) bool { return files[i].Path >= prefix })
	return i < len(files) && strings.HasPrefix(files[i].Path, prefix)
}

func hasMeta(pattern string) bool {
	for _, r := range pattern {
		switch r {
		case '*', '?', '[', '{', '\\':
			return true
		}
	}
	return false
}
