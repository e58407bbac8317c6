package python

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// pkg builds the item the extractor should return; attrs override the
// attributes of an unlocked, direct production dependency from PyPI.
func pkg(manifest string, loc extractors.Location, attrs map[string]any) extractors.Item {
	base := map[string]any{
		"ecosystem": "pypi", "version": "", "constraint": "", "direct": true,
		"scope": "prod", "source": "registry", "url": "", "pinned": false, "hash": false,
		"locked": false, "markers": "", "editable": false,
	}
	return extractortest.Dependency(manifest, loc, base, attrs)
}

func at(p string, line int) extractors.Location { return extractors.Location{Path: p, Line: line} }

type extractCase struct {
	name     string
	dir      string
	path     string
	repo     extractors.Repo // nil: the fixture folder
	want     []extractors.Item
	wantLine int // line of the returned error: 0 for none, -1 for no line
}

const (
	billing = "https://github.com/example/billing.git@main"
	mylib   = "http://git.example.com/mylib.git@0123456789abcdef0123456789abcdef01234567"
)

func TestExtractRequirements(t *testing.T) {
	runCases(t, []extractCase{
		{name: "requirements with includes and constraints", dir: "testdata/requirements",
			path: "requirements.txt", wantLine: 17, want: []extractors.Item{
				pkg("requirements.txt", at("requirements.txt", 13), map[string]any{
					"constraint": "./libs/audit", "name": "./libs/audit", "pinned": true,
					"source": "path"}),
				pkg("requirements.txt", at("requirements.txt", 12), map[string]any{
					"constraint": "git+" + billing + "#egg=billing-client",
					"editable":   true, "name": "billing-client", "source": "git",
					"url": billing}),
				pkg("requirements.txt", at("requirements.txt", 11), map[string]any{
					"markers": "python_version >= \"3.8\"", "name": "celery", "pinned": true,
					"url": "https://REDACTED@pypi.example.com/simple", "version": "5.4.0"}),
				pkg("requirements.txt", at("requirements.txt", 7), map[string]any{
					"constraint": ">=4.2,<5.0", "name": "django",
					"url": "https://REDACTED@pypi.example.com/simple"}),
				pkg("requirements.txt", at("requirements.txt", 16), map[string]any{
					"name": "flask-login", "url": "https://REDACTED@pypi.example.com/simple"}),
				pkg("requirements.txt", at("requirements.txt", 10), map[string]any{"hash": true,
					"name": "gunicorn", "pinned": true, "url": "https://REDACTED@pypi.example.com/simple",
					"version": "22.0.0"}),
				pkg("requirements.txt", at("requirements.txt", 15), map[string]any{
					"constraint": "git+" + mylib, "name": "mylib", "pinned": true,
					"source": "git", "url": mylib}),
				pkg("requirements.txt", at("requirements.txt", 14), map[string]any{
					"constraint": "https://files.example.com/wheels/" +
						"pdf_tools-1.0-py3-none-any.whl#sha256=0b6b7c1a0c2e",
					"hash": true, "name": "pdf-tools", "pinned": true, "source": "url",
					"url": "https://files.example.com/wheels/pdf_tools-1.0-py3-none-any.whl"}),
				pkg("requirements.txt", at("requirements.txt", 8), map[string]any{
					"constraint": "==2.32.3", "hash": true, "name": "requests", "pinned": true,
					"url": "https://REDACTED@pypi.example.com/simple", "version": "2.32.3"}),
				pkg("requirements.txt", at("shared/common.in", 2), map[string]any{
					"constraint": ">=2", "name": "urllib3",
					"url": "https://REDACTED@pypi.example.com/simple"}),
			}},
		{name: "included file read on its own", dir: "testdata/requirements",
			path: "requirements-base.txt", want: []extractors.Item{
				pkg("requirements-base.txt", at("requirements-base.txt", 1), map[string]any{
					"name": "six", "constraint": "==1.16.0", "version": "1.16.0", "pinned": true}),
			}},
		// The including file is read on its own; the scope is the name's.
		{name: "named before requirements.txt", dir: "testdata/requirements",
			path: "test-requirements.txt", want: []extractors.Item{
				pkg("test-requirements.txt", at("test-requirements.txt", 2), map[string]any{
					"name": "pytest", "constraint": "==8.3.3", "version": "8.3.3",
					"pinned": true, "scope": "test"}),
			}},
	})
}

func TestExtractPyproject(t *testing.T) {
	const member = "packages/lib/pyproject.toml"
	runCases(t, []extractCase{
		{name: "poetry", dir: "testdata/poetry", path: "pyproject.toml", want: []extractors.Item{
			pkg("pyproject.toml", at("poetry.lock", 3), map[string]any{"direct": false,
				"hash": true, "locked": true, "name": "annotated-types", "pinned": true,
				"version": "0.7.0"}),
			pkg("pyproject.toml", at("pyproject.toml", 8), map[string]any{
				"constraint": "^0.111", "hash": true, "locked": true, "name": "fastapi",
				"pinned": true, "version": "0.111.0"}),
			pkg("pyproject.toml", at("poetry.lock", 42), map[string]any{"direct": false,
				"hash": true, "locked": true, "name": "iniconfig", "pinned": true,
				"scope": "dev", "version": "2.0.0"}),
			pkg("pyproject.toml", at("pyproject.toml", 10), map[string]any{
				"constraint": "^1.2", "locked": true, "name": "internal-auth", "pinned": true,
				"url": "https://pypi.corp.example.com/simple", "version": "1.2.3"}),
			pkg("pyproject.toml", at("pyproject.toml", 19), map[string]any{
				"constraint": "^1.6", "hash": true, "locked": true, "name": "mkdocs",
				"pinned": true, "scope": "docs", "version": "1.6.0"}),
			pkg("pyproject.toml", at("pyproject.toml", 11), map[string]any{"locked": true,
				"name": "pdfgen", "pinned": true, "source": "git",
				"url": "https://github.com/example/pdfgen.git", "version": "0.4.0"}),
			pkg("pyproject.toml", at("pyproject.toml", 27), map[string]any{
				"constraint": ">=1.0.0", "locked": true, "name": "poetry-core",
				"scope": "build"}),
			pkg("pyproject.toml", at("pyproject.toml", 9), map[string]any{
				"constraint": "2.7.4", "hash": true, "locked": true, "name": "pydantic",
				"pinned": true, "version": "2.7.4"}),
			pkg("pyproject.toml", at("pyproject.toml", 16), map[string]any{
				"constraint": "^8.2", "hash": true, "locked": true, "name": "pytest",
				"pinned": true, "scope": "dev", "version": "8.2.2"}),
			pkg("pyproject.toml", at("pyproject.toml", 12), map[string]any{"editable": true,
				"locked": true, "name": "shared-models", "source": "path", "version": "0.3.0"}),
			pkg("pyproject.toml", at("pyproject.toml", 13), map[string]any{
				"constraint": "^0.19", "hash": true, "locked": true,
				"markers": "sys_platform != 'win32'", "name": "uvloop", "pinned": true,
				"scope": "optional", "version": "0.19.0"}),
		}},
		{name: "uv", dir: "testdata/uv", path: "pyproject.toml", want: []extractors.Item{
			pkg("pyproject.toml", at("uv.lock", 4), map[string]any{"direct": false,
				"hash": true, "locked": true, "name": "anyio", "pinned": true,
				"url": "https://pypi.org/simple", "version": "4.4.0"}),
			pkg("pyproject.toml", at("pyproject.toml", 12), map[string]any{
				"constraint": ">=1.34", "hash": true, "locked": true, "name": "boto3",
				"pinned": true, "scope": "optional", "url": "https://pypi.org/simple",
				"version": "1.34.144"}),
			pkg("pyproject.toml", at("pyproject.toml", 25), map[string]any{"locked": true,
				"name": "hatchling", "scope": "build"}),
			pkg("pyproject.toml", at("pyproject.toml", 6), map[string]any{
				"constraint": ">=0.27", "hash": true, "locked": true, "name": "httpx",
				"pinned": true, "url": "https://pypi.org/simple", "version": "0.27.0"}),
			pkg("pyproject.toml", at("pyproject.toml", 7), map[string]any{
				"constraint": "~= 3.1", "hash": true, "locked": true, "name": "jinja2",
				"pinned": true, "url": "https://pypi.org/simple", "version": "3.1.4"}),
			pkg("pyproject.toml", at("uv.lock", 40), map[string]any{"direct": false,
				"hash": true, "locked": true, "name": "markupsafe", "pinned": true,
				"url": "https://pypi.org/simple", "version": "2.1.5"}),
			pkg("pyproject.toml", at("pyproject.toml", 16), map[string]any{"constraint": ">=8",
				"hash": true, "locked": true, "name": "pytest", "pinned": true, "scope": "dev",
				"url": "https://pypi.org/simple", "version": "8.2.2"}),
			pkg("pyproject.toml", at("pyproject.toml", 19), map[string]any{
				"constraint": "==0.5.0", "hash": true, "locked": true, "name": "ruff",
				"pinned": true, "scope": "lint", "url": "https://pypi.org/simple",
				"version": "0.5.0"}),
			pkg("pyproject.toml", at("pyproject.toml", 8), map[string]any{"locked": true,
				"name": "weasyprint", "pinned": true, "source": "git",
				"url": "https://github.com/example/weasyprint?tag=v62.3", "version": "62.3"}),
		}},
		{name: "uv workspace root", dir: "testdata/uvworkspace", path: "pyproject.toml",
			want: []extractors.Item{
				pkg("pyproject.toml", at("uv.lock", 10), map[string]any{"direct": false,
					"hash": true, "locked": true, "name": "attrs", "pinned": true,
					"url": "https://pypi.org/simple", "version": "23.2.0"}),
				pkg("pyproject.toml", at("pyproject.toml", 4), map[string]any{"locked": true,
					"name": "lib", "pinned": true, "source": "path", "version": "0.2.0"}),
			}},
		{name: "uv workspace member", dir: "testdata/uvworkspace",
			path: member, want: []extractors.Item{
				pkg(member, at(member, 4), map[string]any{
					"constraint": ">=23", "hash": true, "locked": true, "name": "attrs",
					"pinned": true, "url": "https://pypi.org/simple", "version": "23.2.0"}),
			}},
		{name: "broken", dir: "testdata/broken", path: "pyproject.toml", wantLine: 6},
	})
}

func TestExtractPipenv(t *testing.T) {
	runCases(t, []extractCase{
		{name: "Pipfile and its lock", dir: "testdata/pipenv", path: "Pipfile",
			want: []extractors.Item{
				pkg("Pipfile", at("Pipfile", 7), map[string]any{"constraint": "*", "hash": true,
					"locked": true, "name": "flask", "pinned": true,
					"url": "https://pypi.org/simple", "version": "3.0.3"}),
				pkg("Pipfile", at("Pipfile", 9), map[string]any{"constraint": "v2", "locked": true,
					"name": "payments", "pinned": true, "source": "git",
					"url": "https://github.com/example/payments.git"}),
				pkg("Pipfile", at("Pipfile", 12), map[string]any{"constraint": ">=8",
					"locked": true, "name": "pytest", "pinned": true, "scope": "dev",
					"url": "https://pypi.org/simple", "version": "8.2.2"}),
				pkg("Pipfile", at("Pipfile", 8), map[string]any{"constraint": "==2.0.31",
					"hash": true, "locked": true, "name": "sqlalchemy", "pinned": true,
					"url": "https://pypi.org/simple", "version": "2.0.31"}),
				pkg("Pipfile", at("Pipfile.lock", 38), map[string]any{"direct": false,
					"hash": true, "locked": true, "name": "werkzeug", "pinned": true,
					"url": "https://pypi.org/simple", "version": "3.0.3"}),
			}},
		{name: "lockfile beside its Pipfile", dir: "testdata/pipenv", path: "Pipfile.lock"},
	})
}

func TestExtractLockfilesAlone(t *testing.T) {
	runCases(t, []extractCase{
		{name: "poetry 1.1 lockfile", dir: "testdata/poetrylegacy", path: "poetry.lock",
			want: []extractors.Item{
				pkg("poetry.lock", at("poetry.lock", 20), map[string]any{"direct": false,
					"locked": true, "name": "black", "pinned": true, "scope": "dev",
					"version": "23.7.0"}),
				pkg("poetry.lock", at("poetry.lock", 1), map[string]any{"direct": false,
					"hash": true, "locked": true, "name": "jinja2", "pinned": true,
					"version": "3.1.2"}),
				pkg("poetry.lock", at("poetry.lock", 12), map[string]any{"direct": false,
					"locked": true, "name": "markupsafe", "pinned": true, "version": "2.1.3"}),
			}},
		{name: "uv lockfile beside its project", dir: "testdata/uv", path: "uv.lock"},
	})
}

func runCases(t *testing.T, cases []extractCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			repo := tt.repo
			if repo == nil {
				repo = extractortest.DirRepo(tt.dir)
			}
			content := extractortest.Fixture(t, tt.dir, tt.path)
			got, err := New().Extract(extractors.File{Path: tt.path, Content: content}, repo)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"requirements.txt": true, "api/requirements-dev.txt": true,
		"requirements/base.txt": true, "pyproject.toml": true, "Pipfile": true,
		"Pipfile.lock": true, "poetry.lock": true, "svc/uv.lock": true,
		"requirements.in": false, "notes.txt": false, "docs/requirements.md": false,
		"setup.py": false, "pipfile": false,
		"dev-requirements.txt": true, "svc/test_requirements.txt": true,
		"ci.requirements.txt": true, "requirements/docs/dev.txt": false,
		"myrequirements.txt": false, "requirements.txt.bak": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
