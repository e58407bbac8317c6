package routes

import "testing"

func TestGoExtract(t *testing.T) {
	runCases(t, NewGo(), []extractCase{
		{name: "net/http", path: "go/nethttp.go", wantLine: 28, want: []string{
			"17 ANY /healthz net/http -",
			"16 ANY /static/ net/http -",
			"27 ANY /x net/http dynamic ?",
			"15 ANY api.example.com/status net/http statusHandler",
			"26 DELETE /items/{id} net/http deleteItem",
			"13 GET /items/{id} net/http getItem",
			"14 POST /items net/http h.CreateItem",
		}},
		{name: "chi", path: "go/chi.go", want: []string{
			"28 ANY /debug/* chi -",
			"18 DELETE /users/{id}/ chi deleteUser",
			"13 GET / chi index",
			"26 GET /admin/stats chi stats",
			"30 GET /files/* chi files",
			"35 GET /me chi me ?",
			"17 GET /users/{id}/ chi getUser",
			"29 PATCH /things/{id} chi patchThing",
			"41 POST /login chi s.login ?",
			"15 POST /users/ chi createUser",
			"23 PUT /settings chi putSettings",
		}},
		{name: "gin", path: "go/gin.go", want: []string{
			"17 ANY /proxy/*path gin proxy",
			"20 DELETE /thing gin deleteThing ?",
			"25 GET /admin gin admin ?",
			"18 GET /assets gin -",
			"7 GET /ping gin ping",
			"12 GET /v1/users/:id gin handlers.GetUser",
			"15 GET /v2/items gin listItems",
			"16 OPTIONS /cors gin cors",
			"13 PATCH /v1/users/:id gin updateUser",
			"10 POST /v1/login gin loginEndpoint",
			"13 PUT /v1/users/:id gin updateUser",
		}},
		{name: "echo", path: "go/echo.go", want: []string{
			"19 ANY /* echo fallback",
			"16 GET /admin/stats echo stats",
			"18 GET /health echo health",
			"13 GET /users/:id echo getUser",
			"18 HEAD /health echo health",
			"14 POST /users echo saveUser",
			"17 PURGE /admin/cache echo purge",
		}},
		{name: "gorilla/mux", path: "go/gorilla.go", want: []string{
			"11 ANY / gorilla/mux HomeHandler",
			"18 ANY /static/ gorilla/mux -",
			"20 DELETE /hosted gorilla/mux hosted",
			"14 GET /api/articles/{category}/{id:[0-9]+} gorilla/mux ArticleHandler",
			"12 GET /products/{key} gorilla/mux ProductHandler",
			"17 POST /api/orders gorilla/mux createOrder",
			"12 PUT /products/{key} gorilla/mux ProductHandler",
		}},
		{name: "paths below a base that is not a literal", path: "go/storefront.go",
			wantLine: 25, want: []string{
				"21 ANY /assets/ gorilla/mux - ?",
				"22 ANY /healthz gorilla/mux - ?",
				"16 GET / gorilla/mux s.home ?",
				"27 GET /api/prices gorilla/mux s.prices ?",
				"18 GET /basket gorilla/mux s.basket ?",
				"17 GET /item/{id} gorilla/mux s.item ?",
				"16 HEAD / gorilla/mux s.home ?",
				"17 HEAD /item/{id} gorilla/mux s.item ?",
				"19 POST /basket gorilla/mux s.addToBasket ?",
				"20 POST /basket/checkout gorilla/mux s.checkout ?",
			}},
		{name: "tails of chi and gin paths", path: "x.go", src: `package x

import (
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
)

func c(base string) {
	r := chi.NewRouter()
	r.Get(base+"/x", h)
	r.Route(base+"/admin", func(r chi.Router) { r.Get("/stats", stats) })
	r.Mount(base+"/debug", debug)
	r.Post(base+("/a"+"/b"), ab)
	r.Put(base+"/"+id, put)
}

func g(base string) {
	e := gin.New()
	e.Group(base + "/v1").GET("/y", y)
}
`, wantLine: 14, want: []string{
			"12 ANY /debug/* chi debug ?",
			"11 GET /admin/stats chi stats ?",
			"19 GET /v1/y gin y ?",
			"10 GET /x chi h ?",
			"13 POST /a/b chi ab ?",
		}},
		{name: "no router import", path: "x.go",
			src: "package x\n\nfunc f() { r.Get(\"/x\", h); app.GET(\"/y\", h) }\n"},
		{name: "router only in a comment", path: "x.go",
			src: "package x\n\n// uses \"net/http\"\nfunc f() { mux.HandleFunc(\"/x\", h) }\n"},
		{name: "import alias and method constants", path: "x.go", src: `package x

import (
	web "github.com/gin-gonic/gin"
	"net/http"
	chi "github.com/go-chi/chi/v5"
)

func a() {
	e := web.New()
	e.Handle(http.MethodPost, "/a", h)
}

func b() {
	r := chi.NewRouter()
	r.MethodFunc(http.MethodGet, "/b", h)
	r.Method(verb, "/c", h)
}
`, wantLine: 17, want: []string{
			"16 GET /b chi h",
			"11 POST /a gin h",
		}},
		{name: "conventional names and what is not a router", path: "x.go", src: `package x

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func handler(w http.ResponseWriter, r *http.Request) {
	r.Get("/request-is-not-a-router", h)
}

func loop(routes []Route) {
	for _, r := range routes {
		r.Get("/range-value", h)
	}
	r := newThing()
	r.Post("/assigned-something-else", h)
}

func guessed() {
	router.Delete("/guessed", h)
	router.Put(path, h)
	http.Get("http://example.com/")
	cache.Get("/not-conventional", h)
}
`, want: []string{"22 DELETE /guessed chi h ?"}},
		{name: "gin and echo both imported", path: "x.go", src: `package x

import (
	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

func f() {
	app.GET("/ambiguous", h)
	e := echo.New()
	e.GET("/echo", h)
	g := gin.New()
	g.GET("/gin", h)
}
`, want: []string{"11 GET /echo echo h", "13 GET /gin gin h"}},
		{name: "prefix not evident", path: "x.go", src: `package x

import "github.com/go-chi/chi/v5"

func f(prefix string) {
	r := chi.NewRouter()
	r.Route(prefix, func(r chi.Router) {
		r.Get("/in-dynamic-route", h)
	})
	r.Mount("/self", r)
	sub := chi.NewRouter()
	sub.Get("/sub", h)
	r.Mount(prefix, sub)
}
`, want: []string{
			"10 ANY /self/* chi r",
			"8 GET /in-dynamic-route chi h ?",
			"12 GET /sub chi h ?",
		}},
		{name: "package-level router and DefaultServeMux", path: "x.go", src: `package x

import (
	"net/http"

	"github.com/gorilla/mux"
)

var router = mux.NewRouter()

func init() {
	router.HandleFunc("/pkg", h).Methods(http.MethodPost)
	http.DefaultServeMux.HandleFunc("GET /default", h)
	router.HandleFunc("/dyn", h).Methods(method)
}
`, wantLine: 14, want: []string{
			"13 GET /default net/http h",
			"12 POST /pkg gorilla/mux h",
		}},
		{name: "broken file keeps what parsed", path: "x.go", src: `package x

import "net/http"

func f() {
	http.HandleFunc("/ok", h)
}

func g( {
`, wantLine: 9, want: []string{"6 ANY /ok net/http h"}},
	})
}

func TestGoMatch(t *testing.T) {
	tests := map[string]bool{
		"main.go": true, "cmd/api/routes.go": true,
		"routes_test.go": false, "main.go.orig": false, "go.mod": false,
	}
	for p, want := range tests {
		if got := NewGo().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestSplitPattern(t *testing.T) {
	tests := []struct {
		pattern, method, host, path string
		ok                          bool
	}{
		{"/items/", "", "", "/items/", true},
		{"GET /items/{id}", "GET", "", "/items/{id}", true},
		{"post  example.com/", "POST", "example.com", "/", true},
		{"example.com/x", "", "example.com", "/x", true},
		{"GET", "", "", "", false},
		{"nothing", "", "", "", false},
	}
	for _, tt := range tests {
		m, h, p, ok := splitPattern(tt.pattern)
		if m != tt.method || h != tt.host || p != tt.path || ok != tt.ok {
			t.Errorf("splitPattern(%q) = %q, %q, %q, %v", tt.pattern, m, h, p, ok)
		}
	}
}

func TestGoExtractConstantPaths(t *testing.T) {
	runCases(t, NewGo(), []extractCase{
		{name: "single constant", path: "x.go", src: `package x

import "net/http"

const healthPath = "/healthz"

func f() { http.HandleFunc(healthPath, health) }
`, want: []string{"7 ANY /healthz net/http health"}},
		{name: "const block, concatenation and repeated value", path: "x.go", src: `package x

import "github.com/go-chi/chi/v5"

const (
	apiPrefix        = "/api/v1"
	usersPath string = apiPrefix + "/users"
	userPath         = usersPath + "/{id}"
	adminPath        = "/admin"
	statsPath
)

func f() {
	r := chi.NewRouter()
	r.Get(usersPath, listUsers)
	r.Delete(userPath, deleteUser)
	r.Route(adminPath, func(r chi.Router) { r.Get(statsPath, stats) })
	r.Post(("/" + "login"), login)
}
`, want: []string{
			"16 DELETE /api/v1/users/{id} chi deleteUser",
			"17 GET /admin/admin chi stats",
			"15 GET /api/v1/users chi listUsers",
			"18 POST /login chi login",
		}},
		{name: "pattern constant", path: "x.go", src: `package x

import "net/http"

const pattern = "GET /items/{id}"

func f(mux *http.ServeMux) {
	mux.HandleFunc(pattern, getItem)
}
`, want: []string{"8 GET /items/{id} net/http getItem"}},
		{name: "what is not a string constant stays unseen", path: "x.go", src: `package x

import "net/http"

const (
	port    = 8080
	looping = looping + "/x"
)

var variable = "/var"

func f() {
	http.HandleFunc(port, a)
	http.HandleFunc(looping, b)
	http.HandleFunc(variable, c)
	http.HandleFunc(local, d)
}
`, wantLine: 13},
	})
}
