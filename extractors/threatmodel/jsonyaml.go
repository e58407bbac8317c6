package threatmodel

import (
	"fmt"
	"sort"
	"strconv"
	"unicode/utf16"

	"gopkg.in/yaml.v3"
)

// columnShift records that jsonForYAML removed columns from a line, so that
// positions after the edit can be moved back to where they are in the file.
type columnShift struct {
	line    int
	column  int // first column after the edit, in the rewritten text
	removed int // columns removed from the line so far, this edit included
}

// jsonForYAML adapts valid JSON for the YAML parser, which reads JSON as YAML
// flow style except for two string escapes that it lacks: "\/", and surrogate
// pairs such as "\ud83d\ude00", which Python writes for every character
// beyond U+FFFF. Tabs between tokens become spaces because YAML restricts
// where tabs may appear. Edits never join or split lines.
func jsonForYAML(data []byte) ([]byte, []columnShift) {
	out := make([]byte, 0, len(data))
	var shifts []columnShift
	line, column := 1, 1
	removedOnLine := 0
	inString := false

	for i := 0; i < len(data); {
		c := data[i]
		if inString && c == '\\' {
			escape, used := yamlEscape(data[i:])
			out = append(out, escape...)
			column += len(escape)
			if removed := used - len(escape); removed > 0 {
				removedOnLine += removed
				shifts = append(shifts, columnShift{line, column, removedOnLine})
			}
			i += used
			continue
		}

		switch {
		case c == '"':
			inString = !inString
		case c == '\t' && !inString:
			c = ' '
		}
		out = append(out, c)
		line, column = advance(line, column, c)
		if column == 1 {
			removedOnLine = 0
		}
		i++
	}
	return out, shifts
}

// advance moves a position past byte c, counting columns in characters as
// the YAML parser does.
func advance(line, column int, c byte) (int, int) {
	switch {
	case c == '\n':
		return line + 1, 1
	case c&0xC0 == 0x80: // continues a multi-byte character
		return line, column
	}
	return line, column + 1
}

// yamlEscape translates the JSON escape at the start of b into one that YAML
// reads as the same text, and says how many bytes of b it consumed.
func yamlEscape(b []byte) (escape []byte, used int) {
	if len(b) < 2 {
		return b, len(b)
	}
	switch {
	case b[1] == '/':
		return []byte("/"), 2
	case b[1] != 'u' || len(b) < 6:
		return b[:2], 2
	}

	first, err := strconv.ParseUint(string(b[2:6]), 16, 16)
	if err != nil || !utf16.IsSurrogate(rune(first)) {
		return b[:6], 6
	}
	if len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
		second, err := strconv.ParseUint(string(b[8:12]), 16, 16)
		r := utf16.DecodeRune(rune(first), rune(second))
		if err == nil && r != 0xFFFD {
			return fmt.Appendf(nil, `\U%08X`, r), 12
		}
	}
	// encoding/json reads a lone surrogate as U+FFFD; so does this package.
	return []byte(`\uFFFD`), 6
}

// restoreColumns moves the nodes of a document parsed from rewritten JSON
// back to their columns in the original file.
func restoreColumns(n *yaml.Node, shifts []columnShift) {
	if len(shifts) == 0 {
		return
	}

	// Shifts are in text order; find the last one before n on its line.
	after := sort.Search(len(shifts), func(i int) bool {
		s := shifts[i]
		return s.line > n.Line || (s.line == n.Line && s.column > n.Column)
	})
	if last := after - 1; last >= 0 && shifts[last].line == n.Line {
		n.Column += shifts[last].removed
	}

	for _, child := range n.Content {
		restoreColumns(child, shifts)
	}
}
