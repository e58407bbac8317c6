package threatmodel

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// textEdit replaces the bytes of line (1-based) from column start to end
// (0-based byte offsets), or inserts whole lines after line when insert is set.
type textEdit struct {
	line       int
	start, end int
	text       string
	insert     bool
}

func editYAML(data []byte, root *yaml.Node, c Changes) ([]byte, error) {
	lines := strings.SplitAfter(string(data), "\n")
	var edits []textEdit

	_, surface := section(root, "surface")
	ids := make([]string, 0, len(c.UpdateSurface))
	for id := range c.UpdateSurface {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		entry := entryByID(surface, id)
		if entry == nil {
			return nil, fmt.Errorf("surface %s: no such entry", id)
		}
		u := c.UpdateSurface[id]
		if clearsReviewer(u) {
			e, err := deleteKey(lines, entry, "reviewed_by")
			if err != nil {
				return nil, err
			}
			edits = append(edits, e...)
		}
		e, err := updateEntry(lines, entry, updateFields(u))
		if err != nil {
			return nil, err
		}
		edits = append(edits, e...)
	}

	for _, s := range []struct {
		name    string
		entries [][][2]string
	}{
		{"surface", renderAll(c.AddSurface, surfaceFields)},
		{"acceptances", renderAll(c.AddAcceptance, acceptanceFields)},
	} {
		if len(s.entries) == 0 {
			continue
		}
		e, err := appendEntries(lines, root, s.name, s.entries)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e...)
	}
	return applyEdits(lines, edits), nil
}

func renderAll[T any](entries []T, fields func(T) [][2]string) [][][2]string {
	out := make([][][2]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, fields(e))
	}
	return out
}

// updateEntry replaces the values of keys the entry has, and adds the others
// as lines after the entry, indented like its keys.
func updateEntry(lines []string, entry *yaml.Node, fields [][2]string) ([]textEdit, error) {
	flow := entry.Style&yaml.FlowStyle != 0
	var edits []textEdit
	var added []string
	indent := strings.Repeat(" ", entry.Column-1)
	for _, f := range fields {
		value := field(entry, f[0])
		if value == nil && flow {
			added = append(added, ", "+f[0]+": "+scalar(f[1]))
			continue
		}
		if value == nil {
			added = append(added, indent+f[0]+": "+scalar(f[1])+"\n")
			continue
		}
		end, err := scalarEnd(lines[value.Line-1], value)
		if err != nil {
			return nil, err
		}
		edits = append(edits, textEdit{line: value.Line, start: value.Column - 1, end: end,
			text: scalar(f[1])})
	}
	switch {
	case len(added) > 0 && flow:
		e, err := flowAppend(lines, entry, strings.Join(added, ""))
		if err != nil {
			return nil, err
		}
		edits = append(edits, e)
	case len(added) > 0:
		edits = append(edits, textEdit{line: lastLine(lines, entry, entry.Column-1),
			text: strings.Join(added, ""), insert: true})
	}
	return edits, nil
}

// deleteKey removes a key and its value from an entry: the lines they sit on
// in a block mapping, the text with its comma in a flow one. The deletions
// are planned before any insertion after the same line, so that they run
// after it and leave the inserted lines alone.
func deleteKey(lines []string, entry *yaml.Node, key string) ([]textEdit, error) {
	var k *yaml.Node
	for i := 0; i+1 < len(entry.Content); i += 2 {
		if entry.Content[i].Value == key {
			k = entry.Content[i]
		}
	}
	if k == nil {
		return nil, nil
	}
	value := field(entry, key)
	if entry.Style&yaml.FlowStyle == 0 {
		var edits []textEdit
		for l := k.Line; l <= lastLine(lines, value, k.Column-1); l++ {
			edits = append(edits, textEdit{line: l, start: 0, end: len(lines[l-1])})
		}
		return edits, nil
	}

	line := lines[k.Line-1]
	end, err := scalarEnd(line, value)
	if err != nil || value.Line != k.Line {
		return nil, fmt.Errorf("line %d: write %s on one line so tms can remove it", k.Line, key)
	}
	start := k.Column - 1
	if before := strings.TrimRight(line[:start], " "); strings.HasSuffix(before, ",") {
		start = len(before) - 1
	} else if after := strings.TrimLeft(line[end:], " "); strings.HasPrefix(after, ",") {
		end = len(line) - len(after) + 1
		end += len(line[end:]) - len(strings.TrimLeft(line[end:], " "))
	}
	return []textEdit{{line: k.Line, start: start, end: end}}, nil
}

// flowAppend adds fields to a one-line flow mapping, before its closing brace.
func flowAppend(lines []string, entry *yaml.Node, text string) (textEdit, error) {
	end := flowLastLine(entry)
	line := lines[end-1]
	brace := strings.LastIndex(line, "}")
	if end != entry.Line || brace < 0 {
		return textEdit{}, fmt.Errorf("line %d: a flow mapping {...} over several lines; "+
			"write the entry as a block mapping so tms can edit it", entry.Line)
	}
	return textEdit{line: entry.Line, start: brace, end: brace, text: text}, nil
}

// scalarEnd finds where a scalar's text ends on its line: after the closing
// quote for a quoted value, after the value itself for a plain one.
func scalarEnd(line string, n *yaml.Node) (int, error) {
	start := n.Column - 1
	if n.Kind != yaml.ScalarNode || start >= len(line) {
		return 0, fmt.Errorf("line %d: expected a single-line value", n.Line)
	}
	switch line[start] {
	case '"', '\'':
		quote := line[start]
		for i := start + 1; i < len(line); i++ {
			if line[i] == '\\' && quote == '"' {
				i++
				continue
			}
			if line[i] == quote {
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("line %d: a quoted value spans lines; keep it on one line", n.Line)
	}
	if !strings.HasPrefix(line[start:], n.Value) {
		return 0, fmt.Errorf("line %d: expected a single-line value", n.Line)
	}
	return start + len(n.Value), nil
}

// appendEntries adds block entries at the end of a section's list, creating
// the list or the section when needed.
func appendEntries(lines []string, root *yaml.Node, name string, entries [][][2]string) ([]textEdit, error) {
	key, list := section(root, name)
	switch {
	case key == nil:
		text := "\n" + name + ":\n" + renderEntries(entries, "  ")
		return []textEdit{{line: endLine(lines), text: text, insert: true}}, nil
	case list.Kind != yaml.SequenceNode:
		return nil, fmt.Errorf("line %d: %s is not a list", list.Line, name)
	case len(list.Content) == 0 && list.Style&yaml.FlowStyle != 0:
		end, err := flowEmptyEnd(lines[list.Line-1], list)
		if err != nil {
			return nil, err
		}
		indent := strings.Repeat(" ", key.Column-1) + "  "
		return []textEdit{
			{line: list.Line, start: trimBefore(lines[list.Line-1], list.Column-1), end: end},
			{line: list.Line, text: renderEntries(entries, indent), insert: true},
		}, nil
	case list.Style&yaml.FlowStyle != 0:
		return nil, fmt.Errorf("line %d: %s is a flow list [...]; write it as a block list", list.Line, name)
	}
	last := list.Content[len(list.Content)-1]
	dash := strings.LastIndex(lines[last.Line-1][:last.Column-1], "-")
	if dash < 0 {
		return nil, fmt.Errorf("line %d: cannot find the list item's dash", last.Line)
	}
	indent := strings.Repeat(" ", dash)
	end := lastLine(lines, last, dash)
	return []textEdit{{line: end, text: renderEntries(entries, indent), insert: true}}, nil
}

// flowEmptyEnd returns where "[]" ends on its line.
func flowEmptyEnd(line string, list *yaml.Node) (int, error) {
	start := list.Column - 1
	rest := line[start:]
	if !strings.HasPrefix(rest, "[") {
		return 0, fmt.Errorf("line %d: expected []", list.Line)
	}
	close := strings.Index(rest, "]")
	if close < 0 {
		return 0, fmt.Errorf("line %d: expected [] on one line", list.Line)
	}
	return start + close + 1, nil
}

// trimBefore moves a column back over the spaces before it, so "key: []"
// becomes "key:" rather than "key: ".
func trimBefore(line string, col int) int {
	for col > 0 && line[col-1] == ' ' {
		col--
	}
	return col
}

func renderEntries(entries [][][2]string, indent string) string {
	var b strings.Builder
	for _, fields := range entries {
		for i, f := range fields {
			prefix := indent + "  "
			if i == 0 {
				prefix = indent + "- "
			}
			b.WriteString(prefix + f[0] + ": " + scalar(f[1]) + "\n")
		}
	}
	return b.String()
}

// endLine is the number of the file's last line; SplitAfter leaves an empty
// element after a final newline, which is not a line.
func endLine(lines []string) int {
	if n := len(lines); n > 1 && lines[n-1] == "" {
		return n - 1
	}
	return len(lines)
}

// lastLine is the last line n's text reaches, including the body of a block
// scalar ("reason: |" and the lines below it) and the continuation lines of
// a scalar folded over several lines. indent is the indentation of the key
// or dash that introduces n: continuation lines are indented further.
func lastLine(lines []string, n *yaml.Node, indent int) int {
	last := n.Line
	switch {
	case n.Style&yaml.FlowStyle != 0:
		return flowLastLine(n)
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i]
			last = max(last, key.Line, lastLine(lines, n.Content[i+1], key.Column-1))
		}
	case n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			last = max(last, lastLine(lines, c, n.Column-1))
		}
	case n.Kind == yaml.ScalarNode:
		last = continuationEnd(lines, n.Line, indent)
	}
	return last
}

// flowLastLine is the last line a node of a flow collection's subtree sits on.
func flowLastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, flowLastLine(c))
	}
	return last
}

// continuationEnd follows the lines after line that are blank or indented
// more than indent, and returns the last non-blank one.
func continuationEnd(lines []string, line, indent int) int {
	last := line
	for l := line + 1; l <= len(lines); l++ {
		text := strings.TrimRight(lines[l-1], "\r\n")
		if strings.TrimSpace(text) == "" {
			continue
		}
		if len(text)-len(strings.TrimLeft(text, " ")) <= indent {
			break
		}
		last = l
	}
	return last
}

// applyEdits applies replacements and insertions, from the bottom of the
// file up so that earlier line numbers stay valid. Inserted lines end the
// way the file's first line does, so a CRLF file stays CRLF.
func applyEdits(lines []string, edits []textEdit) []byte {
	eol := "\n"
	if strings.HasSuffix(lines[0], "\r\n") {
		eol = "\r\n"
	}
	// Edits at the same place run last-first, so insertions after one line
	// end up in the order they were planned.
	order := make([]int, len(edits))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		x, y := edits[order[a]], edits[order[b]]
		if x.line != y.line {
			return x.line > y.line
		}
		if x.start != y.start {
			return x.start > y.start
		}
		return order[a] > order[b]
	})
	for _, k := range order {
		e := edits[k]
		i := e.line - 1
		if e.insert {
			if !strings.HasSuffix(lines[i], "\n") {
				lines[i] += eol
			}
			text := strings.ReplaceAll(e.text, "\n", eol)
			lines = append(lines[:i+1], append([]string{text}, lines[i+1:]...)...)
			continue
		}
		lines[i] = lines[i][:e.start] + e.text + lines[i][e.end:]
	}
	return []byte(strings.Join(lines, ""))
}
