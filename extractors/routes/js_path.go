package routes

import "strings"

// jsPath returns the path an argument holds. A string literal is known. A
// template literal such as `${base}/users`, or a sum of names and strings
// such as config.base + '/users', is known only in its tail: the literal
// text after the last part that is not one, usable as a path below an
// unknown prefix when it starts with a slash. Anything else, a conditional
// or a call among them, is not usable.
func (ts toks) jsPath(s span) (p string, known, usable bool) {
	if p, ok := ts.single(s); ok {
		return p, true, true
	}
	operands, ok := ts.sumOperands(s)
	if !ok {
		return "", false, false
	}
	tail := ""
	for i := len(operands) - 1; i >= 0; i-- {
		t := ts.at(operands[i].from)
		if operands[i].to-operands[i].from != 1 || t.kind != tString {
			break
		}
		if t.dynamic {
			tail = t.tail + tail
			break
		}
		tail = t.text + tail
	}
	if !strings.HasPrefix(tail, "/") {
		return "", false, false
	}
	return tail, false, true
}

// sumOperands splits an argument made only of strings and dotted names
// joined by + into its operands; false for any other expression, whose
// value the tail of its last string need not end.
func (ts toks) sumOperands(s span) ([]span, bool) {
	var out []span
	start := s.from
	for j := s.from; j <= s.to; j++ {
		if j < s.to && !ts.punct(j, "+") {
			continue
		}
		operand := span{start, j}
		if ts.dotted(operand) == "" && ts.at(start).kind != tString ||
			ts.at(start).kind == tString && j-start != 1 {
			return nil, false
		}
		out = append(out, operand)
		start = j + 1
	}
	return out, true
}
