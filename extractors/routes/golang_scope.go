package routes

import (
	"go/ast"
	"go/token"
)

// goRouter is a router value the file creates or receives. Its path is the
// join of the prefixes up its parents; known is false when one of them is not
// statically evident.
type goRouter struct {
	framework   string // "" until a call on a conventionally named value tells
	prefix      string
	known       bool
	strong      bool // created by a constructor or typed, not guessed from a name
	constructed bool // made by a constructor in this function, so it can be mounted
	parent      *goRouter
}

// resolve returns the full path of p registered on r, and whether every
// prefix on the way is known.
func (r *goRouter) resolve(p string) (string, bool) {
	known := true
	for n := r; n != nil; n = n.parent {
		p = joinPath(n.prefix, p)
		known = known && n.known
	}
	return p, known
}

// child returns a router below r, such as a gin group or a chi sub-route.
func (r *goRouter) child(prefix string, known bool) *goRouter {
	return &goRouter{framework: r.framework, prefix: prefix, known: known,
		strong: r.strong, parent: r}
}

// goScope binds the names of one function to routers. A name bound to nil
// is known not to be a router, which stops the conventional-name guess: the
// r of func(w http.ResponseWriter, r *http.Request) is a request.
type goScope struct {
	vars   map[string]*goRouter
	parent *goScope
}

func newScope(parent *goScope) *goScope {
	return &goScope{vars: map[string]*goRouter{}, parent: parent}
}

func (s *goScope) lookup(name string) (*goRouter, bool) {
	for ; s != nil; s = s.parent {
		if r, ok := s.vars[name]; ok {
			return r, true
		}
	}
	return nil, false
}

// assign sets name where it is declared, or here when it is not.
func (s *goScope) assign(name string, r *goRouter) {
	for t := s; t != nil; t = t.parent {
		if _, ok := t.vars[name]; ok {
			t.vars[name] = r
			return
		}
	}
	s.vars[name] = r
}

// pendingRoute is a registration whose full path is known once the whole
// file is read, since a chi router may be mounted after its routes.
type pendingRoute struct {
	on    *goRouter
	route route
}

// goFile is the state of reading one file.
type goFile struct {
	fset     *token.FileSet
	file     *ast.File
	imports  map[string]string          // package name to framework
	consts   goConsts                   // package-level constants, for paths
	bindings map[*ast.FuncLit]*goRouter // chi Route and Group callbacks
	consumed map[*ast.CallExpr]bool     // inner calls of a chain already read
	pending  []pendingRoute
	unseen   unseen
}

func newGoFile(fset *token.FileSet, file *ast.File) *goFile {
	return &goFile{
		fset: fset, file: file, imports: importNames(file), consts: fileConsts(file),
		bindings: map[*ast.FuncLit]*goRouter{}, consumed: map[*ast.CallExpr]bool{},
	}
}

// walk reads package-level variables, then every function body in order.
func (g *goFile) walk() {
	top := newScope(nil)
	for _, decl := range g.file.Decls {
		if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.VAR {
			g.bindSpecs(gen, top)
		}
	}
	for _, decl := range g.file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		sc := newScope(top)
		if fn.Recv != nil {
			g.bindParams(fn.Recv, sc, nil)
		}
		g.bindParams(fn.Type.Params, sc, nil)
		g.walkBody(fn.Body, sc)
	}
}

func (g *goFile) walkBody(body ast.Node, sc *goScope) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			inner := newScope(sc)
			g.bindParams(n.Type.Params, inner, g.bindings[n])
			g.walkBody(n.Body, inner)
			return false
		case *ast.AssignStmt:
			g.bindAssign(n, sc)
		case *ast.DeclStmt:
			if gen, ok := n.Decl.(*ast.GenDecl); ok && gen.Tok == token.VAR {
				g.bindSpecs(gen, sc)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				bindNotRouter(n.Key, sc)
				bindNotRouter(n.Value, sc)
			}
		case *ast.CallExpr:
			if !g.consumed[n] {
				g.evalChain(n, sc, true)
			}
		}
		return true
	})
}

// bindParams binds each parameter by its type. A callback that chi calls
// with a sub-router gets it as its first parameter.
func (g *goFile) bindParams(fields *ast.FieldList, sc *goScope, first *goRouter) {
	if fields == nil {
		return
	}
	for i, field := range fields.List {
		r := g.typedRouter(field.Type)
		if i == 0 && first != nil {
			r = first
		}
		for _, name := range field.Names {
			sc.vars[name.Name] = r
		}
	}
}

func (g *goFile) bindAssign(a *ast.AssignStmt, sc *goScope) {
	for i, lhs := range a.Lhs {
		id, ok := lhs.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		var r *goRouter
		if len(a.Rhs) == len(a.Lhs) {
			r = g.routerOf(a.Rhs[i], sc)
		}
		if a.Tok == token.DEFINE {
			sc.vars[id.Name] = r
		} else {
			sc.assign(id.Name, r)
		}
	}
}

func (g *goFile) bindSpecs(gen *ast.GenDecl, sc *goScope) {
	for _, spec := range gen.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for i, name := range vs.Names {
			var r *goRouter
			switch {
			case len(vs.Values) == len(vs.Names):
				r = g.routerOf(vs.Values[i], sc)
			case len(vs.Values) == 0 && vs.Type != nil:
				r = g.typedRouter(vs.Type)
			}
			sc.vars[name.Name] = r
		}
	}
}

func bindNotRouter(e ast.Expr, sc *goScope) {
	if id, ok := e.(*ast.Ident); ok {
		sc.vars[id.Name] = nil
	}
}

// typedRouter returns the router a parameter or variable of this type holds.
// Roots (a gin Engine, an echo Echo, a ServeMux) serve at their own paths;
// the other router types may be groups or mounted, so their prefix is unknown.
func (g *goFile) typedRouter(t ast.Expr) *goRouter {
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	sel, ok := t.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	fw := g.imports[pkg.Name]
	root, isRouter := goRouterTypes[fw][sel.Sel.Name]
	if !isRouter {
		return nil
	}
	return &goRouter{framework: fw, known: root, strong: true}
}

// goRouterTypes lists each framework's router types, true for a root.
var goRouterTypes = map[string]map[string]bool{
	"net/http":    {"ServeMux": true},
	"chi":         {"Router": false, "Mux": false},
	"gin":         {"Engine": true, "RouterGroup": false, "IRouter": false, "IRoutes": false},
	"echo":        {"Echo": true, "Group": false},
	"gorilla/mux": {"Router": false},
}

// goConstructors lists the functions that create a root router.
var goConstructors = map[string]map[string]bool{
	"net/http":    {"NewServeMux": true},
	"chi":         {"NewRouter": true, "NewMux": true},
	"gin":         {"New": true, "Default": true},
	"echo":        {"New": true},
	"gorilla/mux": {"NewRouter": true},
}

// routerOf returns the router an expression evaluates to, or nil.
func (g *goFile) routerOf(e ast.Expr, sc *goScope) *goRouter {
	switch e := e.(type) {
	case *ast.Ident:
		r, _ := sc.lookup(e.Name)
		return r
	case *ast.ParenExpr:
		return g.routerOf(e.X, sc)
	case *ast.UnaryExpr:
		if lit, ok := e.X.(*ast.CompositeLit); ok && e.Op == token.AND {
			return g.constructed(g.typedRouter(lit.Type))
		}
	case *ast.CallExpr:
		if r := g.constructorCall(e, sc); r != nil {
			return r
		}
		return g.evalChain(e, sc, false)
	}
	return nil
}

func (g *goFile) constructorCall(call *ast.CallExpr, sc *goScope) *goRouter {
	if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "new" && len(call.Args) == 1 {
		return g.constructed(g.typedRouter(call.Args[0]))
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	fw := g.packageOf(sel.X, sc)
	if !goConstructors[fw][sel.Sel.Name] {
		return nil
	}
	return &goRouter{framework: fw, known: true, strong: true, constructed: true}
}

// constructed marks a router made in place, such as &http.ServeMux{}.
func (g *goFile) constructed(r *goRouter) *goRouter {
	if r != nil && r.known {
		r.constructed = true
		return r
	}
	return nil
}

// packageOf returns the framework of a package name not shadowed by a
// variable, "" for anything else.
func (g *goFile) packageOf(e ast.Expr, sc *goScope) string {
	id, ok := e.(*ast.Ident)
	if !ok {
		return ""
	}
	if _, shadowed := sc.lookup(id.Name); shadowed {
		return ""
	}
	return g.imports[id.Name]
}

// routes resolves every pending registration's full path.
func (g *goFile) routes() []route {
	routes := make([]route, 0, len(g.pending))
	for _, p := range g.pending {
		r := p.route
		full, known := p.on.resolve(r.path)
		r.path, r.prefixUnknown = full, r.prefixUnknown || !known
		routes = append(routes, r)
	}
	return routes
}
