package routes

import (
	"errors"
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// isDjangoURLConf reports whether a file is a Django URLconf by its name:
// urls.py, or a module of a urls package.
func isDjangoURLConf(p string) bool {
	return path.Base(p) == "urls.py" || path.Base(path.Dir(p)) == "urls"
}

// isRootURLConf reports whether a URLconf sits beside the settings, WSGI
// or ASGI module, where django-admin startproject puts the root one. Any
// other URLconf is included from elsewhere under a prefix this file does not
// show.
func isRootURLConf(p string, repo extractors.Repo) bool {
	if repo == nil {
		return false
	}
	for _, sibling := range []string{"settings.py", "wsgi.py", "asgi.py"} {
		_, err := repo.ReadFile(path.Join(path.Dir(p), sibling))
		if !errors.Is(err, extractors.ErrNotInInventory) {
			return true
		}
	}
	return false
}

// djangoFile reads the urlpatterns of one URLconf.
type djangoFile struct {
	ts     toks
	root   bool
	routes []route
	unseen unseen
}

// djangoCalls are the functions that declare a URL pattern; url is the
// name Django before 4.0 gave re_path.
var djangoCalls = set("path", "re_path", "url")

func (d *djangoFile) scan() {
	for i := range d.ts {
		if d.ts.ident(i, "django") {
			d.scanRange(0, len(d.ts), "")
			return
		}
	}
}

// scanRange reads the pattern calls between from and to, each below prefix.
func (d *djangoFile) scanRange(from, to int, prefix string) {
	ts := d.ts
	for i := from; i < to; i++ {
		if djangoCalls[ts.at(i).text] && ts.at(i).kind == tIdent && ts.punct(i+1, "(") &&
			!ts.punct(i-1, ".") && !ts.ident(i-1, "def") && !ts.ident(i-1, "import") {
			i = d.pattern(i, prefix)
		}
	}
}

// pattern reads one path(), re_path() or url() call and returns the index
// of its closing parenthesis.
func (d *djangoFile) pattern(i int, prefix string) int {
	ts := d.ts
	args, end := ts.args(i + 1)
	if len(args) < 2 || ts.ident(args[0].from, "self") {
		return end
	}
	pattern, ok := ts.single(args[0])
	if !ok {
		d.unseen = append(d.unseen, ts[i].line)
		return end
	}
	if ts[i].text != "path" {
		pattern = strings.TrimSuffix(strings.TrimPrefix(pattern, "^"), "$")
	}
	full := prefix + pattern

	view := args[1]
	if ts.ident(view.from, "include") && ts.punct(view.from+1, "(") {
		d.include(i, view.from+1, full)
		return end
	}
	handler := djangoView(ts, view)
	if strings.HasSuffix(handler, ".urls") {
		// admin.site.urls and the like are whole URLconfs of their own.
		full = joinPath(full, "*")
	}
	d.add(i, full, handler)
	return end
}

// include reads include('app.urls'), whose patterns live in another file,
// and include([...]), whose patterns are read here below the prefix.
func (d *djangoFile) include(i, open int, prefix string) {
	ts := d.ts
	args, _ := ts.args(open)
	if len(args) == 0 {
		return
	}
	if ts.punct(args[0].from, "[") {
		d.scanRange(args[0].from, args[0].to, prefix)
		return
	}
	module, ok := ts.single(args[0])
	if !ok {
		module = ts.dotted(args[0])
	}
	d.add(i, joinPath(prefix, "*"), module)
}

func (d *djangoFile) add(i int, p, handler string) {
	d.routes = append(d.routes, route{
		method: anyMethod, path: rooted(p), framework: "django", handler: handler,
		line: d.ts[i].line, prefixUnknown: !d.root,
	})
}

// djangoView names a view written as views.index or UserView.as_view().
func djangoView(ts toks, view span) string {
	for j := view.from; j+2 < view.to; j++ {
		if ts.punct(j, ".") && ts.ident(j+1, "as_view") && ts.punct(j+2, "(") {
			return ts.dotted(span{view.from, j})
		}
	}
	return ts.dotted(view)
}
