package routes

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// goConsts are the package-level constants of one file, by name, as the
// expressions that declare them. Only those that turn out to be strings are
// ever used: a route path held in a constant is as evident as a literal.
type goConsts map[string]ast.Expr

// fileConsts collects the constants declared at the top of file. In a const
// block, a name without a value repeats the expression above it, as Go does.
func fileConsts(file *ast.File) goConsts {
	consts := goConsts{}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		var previous []ast.Expr
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			if len(vs.Values) > 0 {
				previous = vs.Values
			}
			for i, name := range vs.Names {
				if i < len(previous) && name.Name != "_" {
					consts[name.Name] = previous[i]
				}
			}
		}
	}
	return consts
}

// stringLit returns the value of a string literal, of a constant of this
// file that holds one, or of such strings joined with +, which is as far as
// a path is statically evident. A constant defined through itself, which
// does not compile, is not evident.
func (c goConsts) stringLit(e ast.Expr) (string, bool) {
	return c.eval(e, map[string]bool{})
}

func (c goConsts) eval(e ast.Expr, visiting map[string]bool) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.Ident:
		return c.constant(e.Name, visiting)
	case *ast.ParenExpr:
		return c.eval(e.X, visiting)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		left, okLeft := c.eval(e.X, visiting)
		right, okRight := c.eval(e.Y, visiting)
		return left + right, okLeft && okRight
	}
	return "", false
}

func (c goConsts) constant(name string, visiting map[string]bool) (string, bool) {
	value, ok := c[name]
	if !ok || visiting[name] {
		return "", false
	}
	visiting[name] = true
	defer delete(visiting, name)
	return c.eval(value, visiting)
}

// pathOf returns the path an expression holds. An evident one is known. Of
// a + chain that is not wholly evident, such as baseURL + "/product/{id}",
// the evident operands at its end are the path below a prefix the file does
// not show: usable when they start with a slash, so that they begin a path
// segment, with known false. Anything else is not usable, and "".
func (c goConsts) pathOf(e ast.Expr) (p string, known, usable bool) {
	if p, ok := c.stringLit(e); ok {
		return p, true, true
	}
	operands := sumOperands(e, nil)
	tail := ""
	for i := len(operands) - 1; i >= 0; i-- {
		s, ok := c.stringLit(operands[i])
		if !ok {
			break
		}
		tail = s + tail
	}
	if !strings.HasPrefix(tail, "/") {
		return "", false, false
	}
	return tail, false, true
}

// sumOperands appends the operands of a chain of + to out, in order.
func sumOperands(e ast.Expr, out []ast.Expr) []ast.Expr {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return sumOperands(x.X, out)
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			return sumOperands(x.Y, sumOperands(x.X, out))
		}
	}
	return append(out, e)
}
