package routes

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// GoExtractor reads Go source files. The zero value is ready to use and safe
// for concurrent use.
type GoExtractor struct{}

// NewGo returns the extractor of routes registered in Go code.
func NewGo() *GoExtractor { return &GoExtractor{} }

// Name implements extractors.Extractor.
func (*GoExtractor) Name() string { return "routes-go" }

// Match implements extractors.Extractor. Test files are left out: the routes
// they register serve the test, not users.
func (*GoExtractor) Match(p string) bool {
	return strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go")
}

// goMarkers are the import paths, or their distinctive part, of the routers
// this extractor knows. A file naming none of them registers no route.
var goMarkers = [][]byte{
	[]byte(`"net/http"`), []byte("go-chi/chi"), []byte("gin-gonic/gin"),
	[]byte("labstack/echo"), []byte("gorilla/mux"),
}

// Extract implements extractors.Extractor. A file that does not parse is
// reported, and the routes of what did parse are kept.
func (*GoExtractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	if !containsAny(f.Content, goMarkers) {
		return nil, nil
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, f.Path, f.Content, parser.SkipObjectResolution)
	parseErr := goParseError(err)
	if file == nil {
		return nil, parseErr
	}

	g := newGoFile(fset, file)
	if len(g.imports) == 0 {
		return nil, parseErr
	}
	g.walk()
	return toItems(f.Path, g.routes()), firstError(parseErr, g.unseen.err())
}

func containsAny(content []byte, markers [][]byte) bool {
	for _, m := range markers {
		if bytes.Contains(content, m) {
			return true
		}
	}
	return false
}

func goParseError(err error) error {
	if err == nil {
		return nil
	}
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		return extractors.AtLine(max(list[0].Pos.Line, 1),
			fmt.Errorf("parse go source: %s", list[0].Msg))
	}
	return fmt.Errorf("parse go source: %w", err)
}

// goFrameworkOf names the router an import path provides, "" for others.
// Major version suffixes (chi/v5, echo/v4) are the same router.
func goFrameworkOf(importPath string) string {
	base := importPath
	if i := strings.LastIndex(base, "/v"); i > 0 {
		if _, err := strconv.Atoi(base[i+2:]); err == nil {
			base = base[:i]
		}
	}
	switch base {
	case "net/http":
		return "net/http"
	case "github.com/go-chi/chi":
		return "chi"
	case "github.com/gin-gonic/gin":
		return "gin"
	case "github.com/labstack/echo":
		return "echo"
	case "github.com/gorilla/mux":
		return "gorilla/mux"
	}
	return ""
}

// importNames maps the name each router package is known by in the file to
// its framework.
func importNames(file *ast.File) map[string]string {
	names := map[string]string{}
	for _, spec := range file.Imports {
		importPath, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		fw := goFrameworkOf(importPath)
		if fw == "" {
			continue
		}
		name := defaultImportName(fw)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name != "_" && name != "." {
			names[name] = fw
		}
	}
	return names
}

func defaultImportName(fw string) string {
	switch fw {
	case "net/http":
		return "http"
	case "gorilla/mux":
		return "mux"
	}
	return fw
}

// methodLit returns an HTTP method written as a literal or as one of
// net/http's Method constants, in upper case.
func (g *goFile) methodLit(e ast.Expr) (string, bool) {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		pkg, isName := sel.X.(*ast.Ident)
		name, isMethod := strings.CutPrefix(sel.Sel.Name, "Method")
		if !isName || !isMethod || g.imports[pkg.Name] != "net/http" || name == "" {
			return "", false
		}
		return strings.ToUpper(name), true
	}
	m, ok := g.consts.stringLit(e)
	return strings.ToUpper(m), ok && m != ""
}

// exprName renders a handler that is a plain name or a selector of names,
// such as getUser or h.GetUser; anything else is not simply known.
func exprName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x := exprName(e.X); x != "" {
			return x + "." + e.Sel.Name
		}
	}
	return ""
}

// splitPattern reads a net/http pattern, "[METHOD ][HOST]/[PATH]". A
// pattern without a slash is invalid and ServeMux refuses it.
func splitPattern(p string) (method, host, path string, ok bool) {
	rest := p
	if i := strings.IndexAny(p, " \t"); i >= 0 {
		method, rest = p[:i], strings.TrimLeft(p[i:], " \t")
	}
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return "", "", "", false
	}
	return strings.ToUpper(method), rest[:j], rest[j:], true
}
