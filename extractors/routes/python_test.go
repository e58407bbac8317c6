package routes

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
)

func TestPythonExtract(t *testing.T) {
	runCases(t, NewPython(), []extractCase{
		{name: "flask", path: "python/flask_app.py", wantLine: 36, want: []string{
			"14 GET / flask index",
			"26 GET /admin/stats flask stats",
			"45 GET /healthz flask health",
			"19 GET /login flask login",
			"19 POST /login flask login",
			"31 POST /orders/<int:order_id>/cancel flask cancel",
		}},
		{name: "flask views on an imported blueprint", path: "python/views.py", want: []string{
			"4 GET /profile flask profile ?",
			"4 PUT /profile flask profile ?",
		}},
		{name: "fastapi", path: "python/fastapi_app.py", want: []string{
			"32 ANY /static/* fastapi -",
			"31 ANY /users/* fastapi users.router",
			"20 DELETE /cache fastapi clear_cache ?",
			"25 GET / fastapi root",
			"10 GET /v1/items/{item_id} fastapi read_item",
			"15 PATCH /v1/items/{item_id} fastapi update_item",
			"15 PUT /v1/items/{item_id} fastapi update_item",
		}},
		{name: "django root urlconf", path: "python/mysite/mysite/urls.py", want: []string{
			"14 ANY / django views.home",
			"7 ANY /admin/* django admin.site.urls",
			`12 ANY /api/search/(?P<q>\w+)/ django views.search`,
			"11 ANY /api/users/<int:pk>/ django views.UserDetail",
			"8 ANY /polls/* django polls.urls",
		}},
		{name: "django included urlconf", path: "python/mysite/polls/urls.py", want: []string{
			"7 ANY / django views.index ?",
			"8 ANY /<int:question_id>/vote/ django views.vote ?",
		}},
		{name: "django without django", path: "urls.py",
			src: "urlpatterns = [path('x/', view)]\n"},
		{name: "django dynamic pattern", path: "app/urls.py",
			src:      "from django.urls import path\nurlpatterns = [\n    path(PREFIX, view),\n]\n",
			wantLine: 3},
		{name: "not decorators, docstrings and other receivers", path: "misc.py", src: `
'''
@app.route('/docstring')
'''
import requests

# @app.get('/comment')
resp = app.get('/called-not-decorated')
session.get('/client')


@cache.get('/not-a-router')
def cached():
    pass


@api.v1.route('/qualified')
def qualified():
    pass


@bp.route('relative')
def relative():
    pass


@users_bp.delete("/<id>")
async def remove(id):
    pass
`, want: []string{"27 DELETE /<id> flask remove ?"}},
		{name: "fastapi typed router and keyword path", path: "kw.py", src: `
import fastapi

router: fastapi.APIRouter = fastapi.APIRouter(prefix=f"/{VERSION}")
app = fastapi.FastAPI()


@router.get(path="/items")
def items():
    pass


@app.api_route("/ping")
def ping():
    pass


@app.post(ROUTE)
def dynamic():
    pass


@app.api_route("/x", methods=ALLOWED)
def allowed():
    pass
`, wantLine: 18, want: []string{
			"8 GET /items fastapi items ?",
			"13 GET /ping fastapi ping",
		}},
		{name: "routers with a literal prefix that no root app in the file includes",
			path: "api/routes/items.py", src: `
from fastapi import APIRouter
from flask import Blueprint

router = APIRouter(prefix="/items", tags=["items"])
bp = Blueprint("shop", __name__, url_prefix="/shop")


@router.get("/")
def read_items():
    pass


@bp.route("/cart")
def cart():
    pass
`, want: []string{
				"9 GET /items/ fastapi read_items ?",
				"14 GET /shop/cart flask cart ?",
			}},
		{name: "a router included by a detached router keeps its prefix unknown",
			path: "api/main.py", src: `
from fastapi import APIRouter

from app.api.routes import items

api_router = APIRouter()
sub = APIRouter(prefix="/sub")
api_router.include_router(items.router)
api_router.include_router(sub)


@sub.get("/x")
def x():
    pass
`, want: []string{"12 GET /sub/x fastapi x ?"}},
	})
}

func TestPythonMatch(t *testing.T) {
	tests := map[string]bool{
		"app.py": true, "svc/api/routes.py": true, "mysite/urls.py": true,
		"test_app.py": false, "app_test.py": false, "conftest.py": false, "app.pyc": false,
	}
	for p, want := range tests {
		if got := NewPython().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestLexPython(t *testing.T) {
	ts := lexPython([]byte("x = r'\\d' + b\"\\n\" + f'{a}' + f'{{b}}'\n" +
		"\"\"\"doc\nstring\"\"\" # c\ny"))
	var got []string
	for _, tk := range ts {
		if tk.dynamic {
			got = append(got, "dyn:"+tk.text)
		} else {
			got = append(got, tk.text)
		}
	}
	want := []string{"x", "=", `\d`, "+", "n", "+", "dyn:{a}", "+", "{{b}}",
		"doc\nstring", "y"}
	if len(got) != len(want) {
		t.Fatalf("tokens %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("token %d = %q, want %q", i, got[i], want[i])
		}
	}
	if ts[len(ts)-1].line != 4 {
		t.Errorf("last token on line %d, want 4", ts[len(ts)-1].line)
	}
}

// TestDjangoRegexEndpoints checks the key that links a route to an API
// operation: a re_path() group is a parameter and its anchors go, so that
// "^legacy/(?P<slug>[\w-]+)/$" meets "/legacy/{slug}" of a spec.
func TestDjangoRegexEndpoints(t *testing.T) {
	src := `from django.urls import include, path, re_path
urlpatterns = [
    re_path(r'^legacy/(?P<slug>[\w-]+)/$', views.legacy),
    re_path(r'^api/', include([
        re_path(r'^items/(?P<pk>\d+)/$', views.item),
    ])),
    path('users/<int:pk>/', views.user),
]
`
	items, err := NewPython().Extract(extractors.File{Path: "app/urls.py", Content: []byte(src)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, it := range items {
		got[it.Attributes["path"].(string)] = it.Attributes["endpoint"].(string)
	}
	want := map[string]string{
		`/legacy/(?P<slug>[\w-]+)/`: "ANY /legacy/{}",
		`/api/items/(?P<pk>\d+)/`:   "ANY /api/items/{}",
		"/users/<int:pk>/":          "ANY /users/{}",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("endpoint by path (-want +got):\n%s", diff)
	}
}
