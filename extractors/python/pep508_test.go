package python

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseRequirement(t *testing.T) {
	tests := []struct {
		text string
		want requirement
		ok   bool
	}{
		{"Django>=4.2,<5.0", requirement{name: "django", specifier: ">=4.2,<5.0",
			source: "registry"}, true},
		{"requests[security] == 2.32.3", requirement{name: "requests", specifier: "== 2.32.3",
			source: "registry", pinned: true, version: "2.32.3"}, true},
		{"zope.interface (===6.4)", requirement{name: "zope-interface", specifier: "===6.4",
			source: "registry", pinned: true, version: "6.4"}, true},
		{"Flask==3.*", requirement{name: "flask", specifier: "==3.*", source: "registry"}, true},
		{`celery ; python_version >= "3.8"`, requirement{name: "celery",
			markers: `python_version >= "3.8"`, source: "registry"}, true},
		{"pkg @ https://example.com/pkg-1.0.tar.gz#sha256=ab ; os_name == 'nt'",
			requirement{name: "pkg", specifier: "https://example.com/pkg-1.0.tar.gz#sha256=ab",
				markers: "os_name == 'nt'", source: "url",
				url: "https://example.com/pkg-1.0.tar.gz", pinned: true, hash: true}, true},
		{"git+ssh://git@github.com/a/b.git@v1.0#egg=b_lib", requirement{name: "b-lib",
			specifier: "git+ssh://git@github.com/a/b.git@v1.0#egg=b_lib", source: "git",
			url: "ssh://git@github.com/a/b.git@v1.0"}, true},
		{"./wheels/Some_Pkg-2.0-py3-none-any.whl", requirement{name: "some-pkg",
			specifier: "./wheels/Some_Pkg-2.0-py3-none-any.whl", source: "path"}, true},
		{"../shared", requirement{name: "../shared", specifier: "../shared",
			source: "path"}, true},
		{"not a requirement", requirement{}, false},
		{"!!!", requirement{}, false},
		{"name @ ", requirement{}, false},
	}
	for _, tt := range tests {
		got, ok := parseRequirement(tt.text)
		if ok != tt.ok {
			t.Errorf("parseRequirement(%q) ok = %v, want %v", tt.text, ok, tt.ok)
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(requirement{})); tt.ok && diff != "" {
			t.Errorf("parseRequirement(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Flask_Login": "flask-login", "zope.interface": "zope-interface",
		"A--B__C..D": "a-b-c-d", " ruamel.yaml ": "ruamel-yaml",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRequirementsScope(t *testing.T) {
	for p, want := range map[string]string{
		"requirements.txt": "prod", "requirements-dev.txt": "dev",
		"requirements_test.txt": "test", "requirements/base.txt": "prod",
		"requirements/docs.txt": "docs", "api/requirements.prod.txt": "prod",
		"dev-requirements.txt": "dev", "test_requirements.txt": "test",
		"ci.requirements.txt": "ci",
	} {
		if got := requirementsScope(p); got != want {
			t.Errorf("requirementsScope(%q) = %q, want %q", p, got, want)
		}
	}
}
