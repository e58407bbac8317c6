package endpoint

import "testing"

func TestKey(t *testing.T) {
	tests := []struct {
		name, method, path, want string
	}{
		{"openapi parameter", "get", "/users/{id}", "GET /users/{}"},
		{"several parameters", "Get", "/users/{userId}/posts/{postId}", "GET /users/{}/posts/{}"},
		{"express", "post", "/users/:id", "POST /users/{}"},
		{"express regexp", "GET", "/users/:id(\\d+)", "GET /users/{}"},
		{"express optional", "GET", "/users/:id?", "GET /users/{}"},
		{"express two in a segment", "GET", "/flights/:from-:to", "GET /flights/{}-{}"},
		{"express extension", "GET", "/file.:ext", "GET /file.{}"},
		{"literal verb kept", "POST", "/v1/books:search", "POST /v1/books:search"},
		{"flask", "GET", "/users/<id>", "GET /users/{}"},
		{"flask converter", "GET", "/users/<int:id>/", "GET /users/{}"},
		{"gorilla regexp", "GET", "/users/{id:[0-9]+}", "GET /users/{}"},
		{"nested braces", "GET", "/codes/{code:[A-Z]{3}}", "GET /codes/{}"},
		{"grpc template", "GET", "/v1/{name=shelves/*/books/*}", "GET /v1/{}"},
		{"custom verb kept", "POST", "/v1/{name}:cancel", "POST /v1/{}:cancel"},
		{"django named group", "GET", "/legacy/(?P<slug>[\\w-]+)", "GET /legacy/{}"},
		{"django anchors", "GET", "^legacy/(?P<slug>[\\w-]+)/$", "GET /legacy/{}"},
		{"unnamed and nested groups", "GET", "/a/(\\d+(?:-\\d+)?)/b", "GET /a/{}/b"},
		{"optional group", "GET", "/posts(/page/(?P<n>\\d+))?", "GET /posts{}"},
		{"escaped bracket", "GET", "/x/(?P<c>[a\\)])/y", "GET /x/{}/y"},
		{"group in a segment", "GET", "/v(?P<major>[0-9]+)/items", "GET /v{}/items"},
		{"unclosed group kept", "GET", "/a/(b", "GET /a/(b"},
		{"anchors only", "GET", "^$", "GET /"},
		{"go wildcard", "GET", "/files/{path...}", "GET /files/{}"},
		{"go end marker", "GET", "/items/{$}", "GET /items"},
		{"named catch-all", "GET", "/static/*filepath", "GET /static/{}"},
		{"bare catch-all", "GET", "/static/*", "GET /static/{}"},
		{"double star", "GET", "/static/**", "GET /static/{}"},
		{"partial segment", "GET", "/files/{name}.{ext}", "GET /files/{}.{}"},
		{"trailing slash", "GET", "/users/", "GET /users"},
		{"repeated slashes", "GET", "//users///list", "GET /users/list"},
		{"no leading slash", "GET", "users/{id}", "GET /users/{}"},
		{"root", "GET", "/", "GET /"},
		{"empty path", "GET", "", "GET /"},
		{"empty method", "", "/health", "ANY /health"},
		{"star method", "*", "/health", "ANY /health"},
		{"method with spaces", " delete ", "/x", "DELETE /x"},
		{"unclosed brace kept", "GET", "/a/{id", "GET /a/{id"},
		{"unclosed angle kept", "GET", "/a/<id", "GET /a/<id"},
		{"empty angle kept", "GET", "/a/<>", "GET /a/<>"},
		{"colon without name kept", "GET", "/a/:", "GET /a/:"},
		{"case of the path kept", "GET", "/Users/ID", "GET /Users/ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.method, tt.path); got != tt.want {
				t.Errorf("Key(%q, %q) = %q, want %q", tt.method, tt.path, got, tt.want)
			}
		})
	}
}

// TestKeyAgreesAcrossSyntaxes checks the property the key exists for: one
// endpoint written by a spec and by several routers gives one key.
func TestKeyAgreesAcrossSyntaxes(t *testing.T) {
	spellings := []string{
		"/orgs/{org}/repos/{repo}/",
		"/orgs/:org/repos/:repo",
		"/orgs/<org>/repos/<path:repo>",
		"/orgs/{org:[a-z]+}/repos/{repo}",
		"^orgs/(?P<org>[^/]+)/repos/(?P<repo>[^/]+)/$",
	}
	want := Key("GET", spellings[0])
	for _, p := range spellings[1:] {
		if got := Key("get", p); got != want {
			t.Errorf("Key(get, %q) = %q, want %q", p, got, want)
		}
	}
}

func FuzzKey(f *testing.F) {
	seeds := []string{"/users/{id}", "/a/:b(\\d+)?", "<int:x>/", "/v1/{n=a/*}:c", "{{", "0{<{>}", "^a/(?P<b>[\\w-]+)/$", "(\\)[)]", "(0{(})", "(<0(>)", "^*0000", "{([{])}"}
	for _, p := range seeds {
		f.Add("get", p)
	}
	f.Fuzz(func(t *testing.T, method, path string) {
		key := Key(method, path)
		if again := Key(method, key[len(normaliseMethod(method))+1:]); again != key {
			t.Errorf("Key is not idempotent: %q then %q", key, again)
		}
	})
}
