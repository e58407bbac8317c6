package npm

import "testing"

func TestSpecSource(t *testing.T) {
	tests := map[string]string{
		"^1.2.3":                           "registry",
		"latest":                           "registry",
		"":                                 "registry",
		"*":                                "registry",
		">=1.0.0 <2.0.0 || 3.x":            "registry",
		"npm:@scope/real@^2":               "alias",
		"file:../lib":                      "path",
		"link:./packages/x":                "path",
		"workspace:^":                      "path",
		"../sibling":                       "path",
		"~/code/pkg":                       "path",
		"git+ssh://git@github.com/a/b.git": "git",
		"git://github.com/a/b.git#v1":      "git",
		"github:a/b":                       "git",
		"gitlab:a/b#main":                  "git",
		"a/b":                              "git",
		"a/b#" + sha:                       "git",
		"https://github.com/a/b.git#v2":    "git",
		"https://example.com/p-1.0.0.tgz":  "url",
		"http://example.com/p.tgz":         "url",
	}
	for spec, want := range tests {
		if got := specSource(spec); got != want {
			t.Errorf("specSource(%q) = %q, want %q", spec, got, want)
		}
	}
}

func TestResolvedSource(t *testing.T) {
	tests := []struct {
		name  string
		entry lockEntry
		want  string
	}{
		{"a", lockEntry{Resolved: "https://registry.npmjs.org/a/-/a-1.0.0.tgz"}, "registry"},
		{"@s/a", lockEntry{Resolved: "https://npm.corp.example/@s/a/-/a-1.0.0.tgz"}, "registry"},
		{"a", lockEntry{Resolved: "https://cdn.example.com/a-1.0.0.tgz"}, "url"},
		{"a", lockEntry{}, "registry"},
		{"a", lockEntry{Link: true, Resolved: "packages/a"}, "path"},
		{"a", lockEntry{Resolved: "file:../a"}, "path"},
		{"a", lockEntry{Name: "b", Resolved: "https://registry.npmjs.org/b/-/b-1.0.0.tgz"}, "alias"},
		{"a", lockEntry{Name: "a", Resolved: "https://registry.npmjs.org/a/-/a-1.0.0.tgz"}, "registry"},
		{"a", lockEntry{Version: "npm:b@1.0.0"}, "alias"},
		{"a", lockEntry{Resolved: "git+ssh://git@github.com/x/a.git#" + sha}, "git"},
		{"a", lockEntry{Version: "github:x/a#" + sha}, "git"},
	}
	for _, tt := range tests {
		if got := resolvedSource(tt.name, &tt.entry); got != tt.want {
			t.Errorf("resolvedSource(%q, %+v) = %q, want %q", tt.name, tt.entry, got, tt.want)
		}
	}
}

func TestExactVersion(t *testing.T) {
	tests := map[string]bool{
		"1.2.3":                           true,
		"=1.2.3":                          true,
		"v1.2.3":                          true,
		"1.0.0-beta.1+build.5":            true,
		"npm:left-pad@1.3.0":              true,
		"npm:@scope/pkg@2.0.0":            true,
		"github:a/b#" + sha:               true,
		"a/b#" + sha:                      true,
		"git+https://x.test/a.git#" + sha: true,
		"https://x.test/a.tgz#" + sha:     false,
		"^1.2.3":                          false,
		"1.2":                             false,
		"1.2.x":                           false,
		"01.2.3":                          false,
		"1.2.3 - 2.0.0":                   false,
		"npm:left-pad":                    false,
		"npm:@scope/pkg":                  false,
		"github:a/b#main":                 false,
		"latest":                          false,
		"":                                false,
	}
	for v, want := range tests {
		if got := exactVersion(v); got != want {
			t.Errorf("exactVersion(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestExactRelease(t *testing.T) {
	tests := map[string]string{
		"1.9.0":                 "1.9.0",
		" =v2.0.1 ":             "2.0.1",
		"1.0.0-beta.1+build.5":  "1.0.0-beta.1+build.5",
		"npm:@scope/pkg@v2.0.0": "2.0.0",
		"github:a/b#" + sha:     "",
		"^1.2.3":                "",
		"1.2":                   "",
		"npm:left-pad":          "",
	}
	for spec, want := range tests {
		if got := exactRelease(spec); got != want {
			t.Errorf("exactRelease(%q) = %q, want %q", spec, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"package.json":                       true,
		"web/package.json":                   true,
		"node_modules/x/package.json":        false,
		"web/node_modules/@s/x/package.json": false,
		"node_modules_docs/package.json":     true,
		"package-lock.json":                  false,
		"package.json5":                      false,
	}
	for path, want := range tests {
		if got := New().Match(path); got != want {
			t.Errorf("Match(%q) = %v, want %v", path, got, want)
		}
	}
}
