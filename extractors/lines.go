package extractors

// FactLines records, for the attributes that make an item risky, the line
// that introduces the risk, so that a finding points at privileged: true or
// at the step that runs untrusted input rather than at the item's first
// line. Keys are attribute names; the rules read them through
// lib.fact_location.
type FactLines map[string]int

// Note keeps the first line given for an attribute; 0 means no line.
func (l FactLines) Note(attribute string, line int) {
	if _, seen := l[attribute]; !seen && line > 0 {
		l[attribute] = line
	}
}

// Fill adds the lines attribute when any fact has a line. The input
// document holds JSON numbers, so the lines go in as an any map.
func (l FactLines) Fill(attrs map[string]any) {
	if len(l) == 0 {
		return
	}
	out := make(map[string]any, len(l))
	for attribute, line := range l {
		out[attribute] = line
	}
	attrs["lines"] = out
}
