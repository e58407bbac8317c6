package routes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/endpoint"
)

// Kind is the kind of every item this package reports.
const Kind = "http.route"

// anyMethod is the method of a registration that accepts every method.
const anyMethod = "ANY"

// route is one registration found in a source file.
type route struct {
	method        string // upper case, anyMethod when every method is accepted
	path          string // as written, with the prefix the file resolves
	host          string // Go 1.22 host patterns only
	framework     string
	handler       string // "" when not simply known
	line          int
	prefixUnknown bool
}

// item turns a route into a surface item. The host, when a pattern names one,
// is part of the id so that one path served for two hosts stays two items.
func (r route) item(file string) extractors.Item {
	method := strings.ToUpper(r.method)
	if method == "" {
		method = anyMethod
	}
	what := method + " " + r.host + r.path
	attrs := map[string]any{
		"method":    method,
		"path":      r.path,
		"framework": r.framework,
		"endpoint":  endpoint.Key(method, r.path),
	}
	if r.handler != "" {
		attrs["handler"] = r.handler
	}
	if r.host != "" {
		attrs["host"] = r.host
	}
	if r.prefixUnknown {
		attrs["prefix_unknown"] = true
	}
	return extractors.Item{
		ID:         Kind + ":" + file + "#" + what,
		Kind:       Kind,
		Name:       what + " in " + file,
		Exposure:   extractors.ExposureUnknown,
		Attributes: attrs,
		Location:   extractors.Location{Path: file, Line: r.line},
	}
}

// toItems converts the routes of one file, keeping the first registration of
// each id, sorted by id.
func toItems(file string, routes []route) []extractors.Item {
	slices.SortStableFunc(routes, func(a, b route) int { return a.line - b.line })
	seen := map[string]bool{}
	var items []extractors.Item
	for _, r := range routes {
		it := r.item(file)
		if !seen[it.ID] {
			seen[it.ID] = true
			items = append(items, it)
		}
	}
	slices.SortFunc(items, func(a, b extractors.Item) int { return strings.Compare(a.ID, b.ID) })
	return items
}

// joinPath appends a route's path to its prefix the way routers do: exactly
// one slash between them, and the route's own trailing slash kept.
func joinPath(prefix, p string) string {
	switch {
	case prefix == "":
		return p
	case p == "" || p == "/" && strings.HasSuffix(prefix, "/"):
		return prefix
	}
	return strings.TrimSuffix(prefix, "/") + "/" + strings.TrimPrefix(p, "/")
}

// rooted makes a path relative to its prefix start with a slash, as it does
// once served: NestJS, Django and Rails write paths without one.
func rooted(p string) string {
	if strings.HasPrefix(p, "/") {
		return p
	}
	return "/" + p
}

// unseen collects the lines of registrations whose path is not a literal, so
// that the surface tms could not read becomes a diagnostic.
type unseen []int

func (u unseen) err() error {
	if len(u) == 0 {
		return nil
	}
	first := slices.Min(u)
	if len(u) == 1 {
		return extractors.AtLine(first,
			fmt.Errorf("route registered with a path that is not a string literal"))
	}
	return extractors.AtLine(first, fmt.Errorf(
		"%d routes registered with a path that is not a string literal", len(u)))
}

// firstError returns the first error that is not nil.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// httpMethods are the methods a registration can name, in upper case.
var httpMethods = map[string]bool{
	"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true,
	"DELETE": true, "OPTIONS": true, "CONNECT": true, "TRACE": true,
}
