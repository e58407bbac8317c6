package githubactions

import (
	"strings"

	"github.com/rhysd/actionlint"
)

// expression is one ${{ }} expression: its text as written and, when it
// parses, its syntax tree.
type expression struct {
	text string
	node actionlint.ExprNode
}

// embeddedExpressions finds the ${{ }} expressions in a workflow string. An
// expression that does not parse is kept with its text only, up to the next
// "}}", so that it is still looked at.
func embeddedExpressions(s string) []expression {
	var out []expression
	for {
		start := strings.Index(s, "${{")
		if start < 0 {
			return out
		}
		s = s[start+3:]

		lexer := actionlint.NewExprLexer(s)
		node, err := actionlint.NewExprParser().Parse(lexer)
		if err == nil && lexer.Offset() >= 2 && lexer.Offset() <= len(s) {
			end := lexer.Offset()
			out = append(out, expression{text: strings.TrimSpace(s[:end-2]), node: node})
			s = s[end:]
			continue
		}

		end := strings.Index(s, "}}")
		if end < 0 {
			return append(out, expression{text: strings.TrimSpace(s)})
		}
		out = append(out, expression{text: strings.TrimSpace(s[:end])})
		s = s[end+2:]
	}
}

// conditionExpression reads an if: condition, which may be written with or
// without the ${{ }} around it.
func conditionExpression(s string) []expression {
	if strings.Contains(s, "${{") {
		return embeddedExpressions(s)
	}
	return embeddedExpressions("${{ " + s + " }}")
}

// contextPath is a property access such as github.event.issue.title, with
// "*" for an index or filter that is not a string literal.
type contextPath struct {
	segments []string
	// safe is true when the value only feeds a comparison or a function
	// that returns a boolean, so its text never reaches the script.
	safe bool
}

// contextPaths lists the longest property accesses in an expression.
func contextPaths(n actionlint.ExprNode) []contextPath {
	var out []contextPath
	var walk func(n actionlint.ExprNode, safe bool)
	walk = func(n actionlint.ExprNode, safe bool) {
		if segs, ok := accessPath(n); ok {
			out = append(out, contextPath{segments: segs, safe: safe})
			return
		}
		switch n := n.(type) {
		case *actionlint.NotOpNode:
			walk(n.Operand, true)
		case *actionlint.CompareOpNode:
			walk(n.Left, true)
			walk(n.Right, true)
		case *actionlint.LogicalOpNode:
			walk(n.Left, safe)
			walk(n.Right, safe)
		case *actionlint.FuncCallNode:
			for _, arg := range n.Args {
				walk(arg, safe || booleanFunction(n.Callee))
			}
		case *actionlint.IndexAccessNode:
			walk(n.Operand, safe)
			walk(n.Index, safe)
		}
	}
	if n != nil {
		walk(n, false)
	}
	return out
}

func booleanFunction(name string) bool {
	switch strings.ToLower(name) {
	case "contains", "startswith", "endswith", "success", "failure", "always", "cancelled":
		return true
	}
	return false
}

// accessPath returns the segments of a chain of property accesses rooted at
// a context variable.
func accessPath(n actionlint.ExprNode) ([]string, bool) {
	switch n := n.(type) {
	case *actionlint.VariableNode:
		return []string{strings.ToLower(n.Name)}, true
	case *actionlint.ObjectDerefNode:
		return extend(n.Receiver, n.Property)
	case *actionlint.ArrayDerefNode:
		return extend(n.Receiver, "*")
	case *actionlint.IndexAccessNode:
		if lit, ok := n.Index.(*actionlint.StringNode); ok {
			return extend(n.Operand, strings.ToLower(lit.Value))
		}
		return extend(n.Operand, "*")
	}
	return nil, false
}

func extend(receiver actionlint.ExprNode, segment string) ([]string, bool) {
	segs, ok := accessPath(receiver)
	if !ok {
		return nil, false
	}
	return append(segs, segment), true
}
