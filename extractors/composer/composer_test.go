package composer

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// pkg builds the item the extractor should return; attrs override the
// attributes of a locked, direct production package from Packagist.
func pkg(manifest string, loc extractors.Location, attrs map[string]any) extractors.Item {
	base := map[string]any{
		"ecosystem": "packagist", "version": "", "constraint": "", "direct": true,
		"scope": "prod", "source": "registry", "url": "", "pinned": true, "hash": false,
		"locked": true,
	}
	return extractortest.Dependency(manifest, loc, base, attrs)
}

var at = extractortest.At

const zipballs = "https://api.github.com/repos/"

func TestExtract(t *testing.T) {
	const manifest, lock = "composer.json", "composer.lock"
	tests := []struct {
		name     string
		dir      string
		path     string
		repo     extractors.Repo // nil: the fixture folder
		want     []extractors.Item
		wantLine int // line of the returned error: 0 for none, -1 for no line
	}{
		{name: "manifest and lockfile", dir: "testdata/app", path: manifest,
			want: []extractors.Item{
				pkg(manifest, at(manifest, 9), map[string]any{"name": "acme/payments",
					"constraint": "dev-main", "version": "dev-main", "source": "git",
					"url": "https://github.com/acme/payments.git"}),
				pkg(manifest, at(manifest, 10), map[string]any{"name": "acme/shared",
					"constraint": "*@dev", "version": "dev-main", "source": "path",
					"pinned": false}),
				pkg(manifest, at(manifest, 7), map[string]any{"name": "monolog/monolog",
					"constraint": "^3.6", "version": "3.7.0",
					"url": zipballs + "Seldaek/monolog/zipball/" +
						"f4393b648b78a5408747de94fca38beb5f7e9ef8"}),
				pkg(manifest, at(manifest, 13), map[string]any{"name": "phpunit/phpunit",
					"constraint": "^11.2", "version": "11.2.7", "scope": "dev",
					"url": zipballs + "sebastianbergmann/phpunit/zipball/" +
						"15c7e69dec4a8f246840859e6b430bd2abeb5039"}),
				pkg(manifest, at(lock, 56), map[string]any{"name": "psr/log", "version": "3.0.0",
					"direct": false, "hash": true,
					"url": "http://mirror.example.com/psr/log/3.0.0.zip"}),
				pkg(manifest, at(manifest, 8), map[string]any{"name": "symfony/http-kernel",
					"constraint": "7.1.2", "version": "v7.1.2",
					"url": zipballs + "symfony/http-kernel/zipball/" +
						"ae3fa717db4d41a55d14c2bd92399e37cf5bc0f6"}),
			}},
		{name: "lockfile beside its manifest", dir: "testdata/app", path: lock},
		{name: "no lockfile", dir: "testdata/unlocked", path: manifest, want: []extractors.Item{
			pkg(manifest, at(manifest, 6), map[string]any{"name": "acme/tools",
				"constraint": "dev-main#3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
				"locked":     false}),
			pkg(manifest, at(manifest, 4), map[string]any{"name": "guzzlehttp/guzzle",
				"constraint": "^7.8", "pinned": false, "locked": false}),
			pkg(manifest, at(manifest, 5), map[string]any{"name": "league/csv",
				"constraint": "9.16.0", "version": "9.16.0", "locked": false}),
		}},
		{name: "lockfile alone", dir: "testdata/lockonly", path: lock, want: []extractors.Item{
			pkg(lock, at(lock, 4), map[string]any{"name": "psr/container", "version": "2.0.2",
				"direct": false, "url": zipballs + "php-fig/container/zipball/" +
					"c71ecc56dfe541dbd90c5360474fbc405f8d5963"}),
		}},
		{name: "broken manifest", dir: "testdata/broken", path: manifest, wantLine: 4},
		{name: "broken lockfile", path: manifest, wantLine: 2,
			repo: extractortest.Files[[]byte]{manifest: []byte(`{"require": {"a/b": "1.0"}}`),
				lock: []byte("{\n  \"packages\": [\n")},
			want: []extractors.Item{
				pkg(manifest, at(manifest, 1), map[string]any{"name": "a/b", "constraint": "1.0",
					"version": "1.0"}),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := tt.repo
			if repo == nil {
				repo = extractortest.DirRepo(tt.dir)
			}
			content, err := repo.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := New().Extract(extractors.File{Path: tt.path, Content: content}, repo)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		"composer.json": true, "app/composer.lock": true,
		"vendor/a/b/composer.json": false, "app/vendor/x/composer.json": false,
		"package.json": false, "composer.json.dist": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestExactVersion(t *testing.T) {
	for c, want := range map[string]bool{
		"1.2.3": true, "v2.0.0": true, "=1.0": true, "1.0.0-beta.2": true,
		"dev-main#3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b": true,
		"^1.2": false, "~1.2": false, ">=1.0": false, "1.*": false, "dev-main": false,
		"1.0 || 2.0": false, "*": false,
	} {
		if got := exactVersion(c); got != want {
			t.Errorf("exactVersion(%q) = %v, want %v", c, got, want)
		}
	}
}

func TestExactRelease(t *testing.T) {
	for c, want := range map[string]string{
		"3.12.1": "3.12.1", "v2.0.0": "v2.0.0", "==1.2.3": "1.2.3", " = 1.0 ": "1.0",
		"1.0.0-beta.2": "1.0.0-beta.2",
		"dev-main#3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b": "", "^1.2": "", "*": "",
	} {
		if got := exactRelease(c); got != want {
			t.Errorf("exactRelease(%q) = %q, want %q", c, got, want)
		}
	}
}
