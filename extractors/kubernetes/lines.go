package kubernetes

// factLines records, for the attributes that make an object risky, the line
// that introduces the risk, so that a finding points at privileged: true
// rather than at the object's first line. Keys are attribute names.
type factLines map[string]int

// note keeps the first line given for an attribute; 0 means no line.
func (l factLines) note(attribute string, line int) {
	if _, seen := l[attribute]; !seen && line > 0 {
		l[attribute] = line
	}
}

// fill adds the lines attribute when any fact has a line. The input
// document holds JSON numbers, so the lines go in as an any map.
func (l factLines) fill(attrs map[string]any) {
	if len(l) == 0 {
		return
	}
	out := make(map[string]any, len(l))
	for attribute, line := range l {
		out[attribute] = line
	}
	attrs["lines"] = out
}
