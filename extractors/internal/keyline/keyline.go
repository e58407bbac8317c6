package keyline

import (
	"bytes"
	"sort"
	"strings"
)

// Document is a decoded file with the line of each of its keys.
type Document struct {
	// Root holds the decoded top-level object: maps of string to any,
	// slices of any, strings, bools, numbers (and dates, in TOML).
	Root  map[string]any
	lines map[string]int
}

// Line returns the line of the key at path, where an array element is named
// by its index ("package", "3", "name"). A path that is not written in the
// file, such as an implicit TOML table, gets the line of its closest written
// ancestor, and a path with none gets line 1.
func (d *Document) Line(path ...string) int {
	for n := len(path); n > 0; n-- {
		if line, ok := d.lines[join(path[:n])]; ok {
			return line
		}
	}
	return 1
}

// join makes a map key of a path. NUL cannot appear in a key unescaped and
// hardly ever does escaped, so it keeps the parts apart.
func join(parts []string) string { return strings.Join(parts, "\x00") }

// lineTable finds the line of a byte offset by binary search over the
// offsets at which lines start.
type lineTable []int

func newLineTable(data []byte) lineTable {
	starts := lineTable{0}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return starts
		}
		off += i + 1
		starts = append(starts, off)
	}
}

func (t lineTable) line(offset int) int {
	return sort.Search(len(t), func(i int) bool { return t[i] > offset })
}

// paths records the first line each path is written on.
type paths map[string]int

func (p paths) record(path []string, line int) {
	key := join(path)
	if _, ok := p[key]; !ok {
		p[key] = line
	}
}

// child returns a copy of path with one more part, so that sibling paths
// never share a backing array.
func child(path []string, part string) []string {
	return append(append(make([]string, 0, len(path)+1), path...), part)
}
