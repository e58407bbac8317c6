package openapi

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// mapRepo serves files from memory.
type mapRepo = extractortest.Files[string]

// extract reads files["api.yaml"] with the other files beside it.
func extract(t *testing.T, files mapRepo) ([]extractors.Item, error) {
	t.Helper()
	f := extractors.File{Path: "api.yaml", Content: []byte(files["api.yaml"])}
	return New().Extract(f, files)
}

// operations maps each operation's id suffix to one of its attributes.
func operations(items []extractors.Item, attribute string) map[string]any {
	out := map[string]any{}
	for _, it := range items {
		if it.Kind == "api.operation" {
			out[strings.TrimPrefix(it.ID, "api.operation:api.yaml#")] = it.Attributes[attribute]
		}
	}
	return out
}

func TestSecurity(t *testing.T) {
	tests := []struct {
		name, global, operation string
		secured                 bool
	}{
		{"inherited", "[{key: []}]", "", true},
		{"none anywhere", "", "", false},
		{"empty list overrides", "[{key: []}]", "[]", false},
		{"empty requirement", "", "[{}]", false},
		{"optional", "[{key: []}, {}]", "", false},
		{"two schemes together", "", "[{key: [], oauth: [read]}]", true},
		{"override with another", "[{}]", "[{oauth: []}]", true},
		{"null inherits", "[{key: []}]", "null", true},
		{"flow anchors", "&req [{key: []}]", "*req", true},
		{"not a list", "[{key: []}]", "key", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "openapi: 3.0.0\n"
			if tt.global != "" {
				doc += "security: " + tt.global + "\n"
			}
			doc += "paths:\n  /x:\n    get:\n      operationId: x\n"
			if tt.operation != "" {
				doc += "      security: " + tt.operation + "\n"
			}
			items, _ := extract(t, mapRepo{"api.yaml": doc})
			if got := operations(items, "secured")["GET /x"]; got != tt.secured {
				t.Errorf("secured = %v, want %v in\n%s", got, tt.secured, doc)
			}
		})
	}
}

func TestHostExposure(t *testing.T) {
	tests := map[string]extractors.Exposure{
		"https://api.example.com/v1":           public,
		"http://203.0.113.9:8080":              public,
		"//cdn.example.net":                    public,
		"https://user:pw@api.example.com":      public,
		"http://[2001:db8::1]:80/":             public,
		"http://localhost:3000":                internal,
		"http://LOCALHOST.":                    internal,
		"http://app.localhost":                 internal,
		"http://127.0.0.1":                     internal,
		"http://[::1]:8080":                    internal,
		"http://10.1.2.3":                      internal,
		"http://192.168.0.10":                  internal,
		"http://172.20.0.2":                    internal,
		"http://100.64.1.1":                    internal,
		"http://169.254.169.254":               internal,
		"http://metadata.google.internal":      internal,
		"http://printer.local":                 internal,
		"http://orders.shop.svc":               internal,
		"http://orders.shop.svc.cluster.local": internal,
		"http://nas.home.arpa":                 internal,
		"/v1":                                  unknown,
		"v1/api":                               unknown,
		"https://{host}/v1":                    unknown,
		"http://api:8080":                      unknown,
		"http://0.0.0.0:8080":                  unknown,
		"":                                     unknown,
	}
	for url, want := range tests {
		if got := exposureOf([]string{url}); got != want {
			t.Errorf("exposureOf(%q) = %s, want %s", url, got, want)
		}
	}
}

func TestExposureOfSeveralServers(t *testing.T) {
	tests := []struct {
		urls []string
		want extractors.Exposure
	}{
		{nil, unknown},
		{[]string{"http://localhost", "https://api.example.com"}, public},
		{[]string{"http://localhost", "http://10.0.0.1"}, internal},
		{[]string{"http://localhost", "/v1"}, unknown},
	}
	for _, tt := range tests {
		if got := exposureOf(tt.urls); got != tt.want {
			t.Errorf("exposureOf(%q) = %s, want %s", tt.urls, got, tt.want)
		}
	}
}

func TestServers(t *testing.T) {
	doc := `openapi: 3.0.0
servers:
  - url: '{scheme}://api.example.com:{port}/{base}'
    variables:
      scheme: {default: https}
      port: {default: "8443"}
      base: {enum: [v1, v2]}
paths:
  /a:
    servers: []
    get: {}
  /b:
    get:
      servers: [{url: "http://localhost:9000/internal/"}]
`
	items, err := extract(t, mapRepo{"api.yaml": doc})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"GET /a": list("https://api.example.com:8443/{base}"),
		"GET /b": list("http://localhost:9000/internal/"),
	}
	if diff := cmp.Diff(want, operations(items, "servers")); diff != "" {
		t.Errorf("servers (-want +got):\n%s", diff)
	}
	wantKeys := map[string]any{
		"GET /a": list("GET /a", "GET /{}/a"),
		"GET /b": list("GET /b", "GET /internal/b"),
	}
	if diff := cmp.Diff(wantKeys, operations(items, "endpoints")); diff != "" {
		t.Errorf("endpoints (-want +got):\n%s", diff)
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name     string
		files    mapRepo
		want     map[string]any // operation_id by operation
		wantLine int
		wantErr  string
	}{
		{
			name: "escaped pointer",
			files: mapRepo{"api.yaml": "openapi: 3.1.0\npaths:\n  /b:\n" +
				"    $ref: '#/paths/~1a%20b'\n  /a b:\n    get: {operationId: ab}\n"},
			want: map[string]any{"GET /a b": "ab", "GET /b": "ab"},
		},
		{
			name: "siblings win over the target",
			files: mapRepo{"api.yaml": "openapi: 3.1.0\npaths:\n  /a:\n" +
				"    $ref: '#/x-shared'\n    get: {operationId: own}\n" +
				"x-shared:\n  get: {operationId: shared}\n  put: {operationId: put}\n"},
			want: map[string]any{"GET /a": "own", "PUT /a": "put"},
		},
		{
			name: "circular",
			files: mapRepo{"api.yaml": "openapi: 3.1.0\npaths:\n  /a:\n    $ref: '#/x-a'\n" +
				"x-a: {$ref: '#/x-b'}\nx-b: {$ref: '#/x-a'}\n"},
			want: map[string]any{}, wantLine: 3, wantErr: "circular",
		},
		{
			name: "missing target",
			files: mapRepo{"api.yaml": "openapi: 3.1.0\npaths:\n" +
				"  /a: {$ref: '#/components/pathItems/A'}\n"},
			want: map[string]any{}, wantLine: 3, wantErr: "/components/pathItems/A not found",
		},
		{
			name:  "outside the repository",
			files: mapRepo{"api.yaml": "openapi: 3.1.0\npaths:\n  /a: {$ref: '../a.yaml'}\n"},
			want:  map[string]any{}, wantLine: 3, wantErr: "outside the repository",
		},
		{
			name: "remote",
			files: mapRepo{"api.yaml": "openapi: 3.1.0\npaths:\n" +
				"  /a: {$ref: 'https://example.com/a.yaml'}\n"},
			want: map[string]any{}, wantLine: 3, wantErr: "remote references are not followed",
		},
		{
			name: "other file, chained",
			files: mapRepo{
				"api.yaml":      "openapi: 3.1.0\npaths:\n  /a: {$ref: 'p/a.yaml#/a'}\n",
				"p/a.yaml":      "a: {$ref: 'more/b.json'}\n",
				"p/more/b.json": "{\"get\": {\"operationId\": \"deep\"}}",
			},
			want: map[string]any{"GET /a": "deep"},
		},
		{
			name: "other file does not parse",
			files: mapRepo{
				"api.yaml": "openapi: 3.1.0\npaths:\n  /a: {$ref: 'a.yaml'}\n",
				"a.yaml":   "get: [\n",
			},
			want: map[string]any{}, wantLine: 3, wantErr: "a.yaml: line 2: parse",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := extract(t, tt.files)
			if diff := cmp.Diff(tt.want, operations(items, "operation_id")); diff != "" {
				t.Errorf("operations (-want +got):\n%s", diff)
			}
			if line := extractortest.ErrorLine(err); line != tt.wantLine {
				t.Errorf("error %v at line %d, want line %d", err, line, tt.wantLine)
			}
			if err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not say %q", err, tt.wantErr)
			}
		})
	}
}

func TestProblemInReferencedFileNamesIt(t *testing.T) {
	files := mapRepo{
		"api.yaml": "openapi: 3.1.0\npaths:\n  /a: {$ref: 'a.yaml'}\n",
		"a.yaml":   "# the path item\nget:\n  security: admin\n",
	}
	items, err := extract(t, files)
	if got := operations(items, "secured"); got["GET /a"] != false {
		t.Errorf("secured = %v, want false", got["GET /a"])
	}
	if line := extractortest.ErrorLine(err); line != -1 {
		t.Errorf("error %v has line %d of api.yaml, want none", err, line)
	}
	if err == nil || !strings.Contains(err.Error(), "a.yaml:3: security is not a list") {
		t.Errorf("error %v does not name a.yaml:3", err)
	}
}

func TestJSONEscapes(t *testing.T) {
	tests := map[string]string{
		`"a\/b"`:               `"a/b"`,
		`"\ud83d\ude00"`:       `"\U0001F600"`,
		`"\ud83d"`:             `"\uFFFD"`,
		`"\ud83dx"`:            `"\uFFFDx"`,
		`"\u00e9 \\/ \\u0041"`: `"\u00e9 \\/ \\u0041"`,
		`"\udead\u0041"`:       `"\uFFFD\u0041"`,
		"\"a\\/b\"\n\"\\/\"":   "\"a/b\"\n\"/\"",
		`"trailing \`:          `"trailing \`,
		`"short \ud8"`:         `"short \ud8"`,
	}
	for in, want := range tests {
		if got := string(jsonEscapesForYAML([]byte(in))); got != want {
			t.Errorf("jsonEscapesForYAML(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestLooksLikeDefinition(t *testing.T) {
	tests := map[string]bool{
		"openapi: 3.0.0\n":                         true,
		"\uFEFFswagger: '2.0'\n":                   true,
		"# c\n'openapi': 3.1.0\n":                  true,
		"{\n  \"openapi\" : \"3.0.0\"}":            true,
		"spec:\n  openapi: 3.0.0\n":                false,
		`{"devDependencies": {"swagger-ui": "5"}}`: false,
		"name: openapi\n":                          false,
	}
	for content, want := range tests {
		if got := looksLikeDefinition([]byte(content)); got != want {
			t.Errorf("looksLikeDefinition(%q) = %v, want %v", content, got, want)
		}
	}
}

func TestDuplicateAndOddKeys(t *testing.T) {
	doc := "openapi: 3.0.0\npaths:\n  /a:\n    get: {operationId: first}\n" +
		"  /a:\n    get: {operationId: second}\n  x-note:\n    get: {}\n" +
		"  ? [complex]\n  : {get: {}}\n"
	items, err := extract(t, mapRepo{"api.yaml": doc})
	want := map[string]any{"GET /a": "first"}
	if diff := cmp.Diff(want, operations(items, "operation_id")); diff != "" {
		t.Errorf("operations (-want +got):\n%s", diff)
	}
	if line := extractortest.ErrorLine(err); line != 9 {
		t.Errorf("error %v at line %d, want the complex key's line 9", err, line)
	}
}
