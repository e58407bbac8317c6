package gomod

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

// failingRepo holds files that exist but cannot be read.
type failingRepo struct{}

func (failingRepo) ReadFile(string) ([]byte, error) { return nil, extractors.ErrTooLarge }

// dep builds an expected item: the constraint is the version as written,
// and every requirement is prod and locked by go.mod itself.
func dep(modPath string, line int, attrs map[string]any) extractors.Item {
	base := map[string]any{
		"ecosystem": "go", "constraint": attrs["version"], "scope": "prod", "locked": true,
	}
	return extractortest.Dependency(modPath, extractortest.At(modPath, line), base, attrs)
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name     string
		dir      string          // the repository's fixture folder
		repo     extractors.Repo // nil: the fixture folder itself
		path     string
		want     []extractors.Item
		wantLine int // line of the returned error: 0 for none, -1 for no line
	}{
		{name: "app", dir: "testdata/app", path: "go.mod", want: []extractors.Item{
			dep("go.mod", 9, map[string]any{
				"name": "example.com/forked", "version": "v1.2.0", "direct": true,
				"source": "module", "replaced_by": "github.com/someone/forked@v1.2.1",
				"pinned": true, "hash": true,
			}),
			dep("go.mod", 8, map[string]any{
				"name": "example.com/internal/lib", "direct": true,
				"version": "v0.0.0-00010101000000-000000000000",
				"source":  "path", "replaced_by": "./lib", "pinned": true, "hash": false,
			}),
			dep("go.mod", 10, map[string]any{
				"name": "example.com/outside", "version": "v0.1.0", "direct": true,
				"source": "path", "replaced_by": "../outside", "pinned": false, "hash": false,
			}),
			dep("go.mod", 11, map[string]any{
				"name": "example.com/versioned", "version": "v1.0.0", "direct": false,
				"source": "module", "replaced_by": "example.com/versioned-fix@v1.0.1",
				"pinned": true, "hash": false,
			}),
			dep("go.mod", 6, map[string]any{
				"name": "github.com/google/uuid", "version": "v1.6.0", "direct": true,
				"source": "registry", "pinned": true, "hash": true,
			}),
			dep("go.mod", 14, map[string]any{
				"name": "github.com/pkg/errors", "version": "v0.9.1", "direct": true,
				"source": "registry", "pinned": true, "hash": false,
			}),
			dep("go.mod", 7, map[string]any{
				"name": "golang.org/x/text", "version": "v0.14.0", "direct": false,
				"source": "registry", "pinned": true, "hash": false,
			}),
		}},
		{name: "nested module", dir: "testdata/app", path: "tools/go.mod",
			want: []extractors.Item{
				dep("tools/go.mod", 5, map[string]any{
					"name": "example.com/app", "version": "v0.0.0", "direct": true,
					"source": "path", "replaced_by": "../", "pinned": true, "hash": false,
				}),
			}},
		{name: "unreadable go.sum", dir: "testdata/app", repo: failingRepo{},
			path: "tools/go.mod", wantLine: -1,
			want: []extractors.Item{
				dep("tools/go.mod", 5, map[string]any{
					"name": "example.com/app", "version": "v0.0.0", "direct": true,
					"source": "path", "replaced_by": "../", "pinned": true, "hash": false,
				}),
			}},
		{name: "broken", dir: "testdata/broken", path: "go.mod", wantLine: 4},
	}
	for _, tt := range tests {
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
		"go.mod": true, "tools/go.mod": true,
		"go.sum": false, "go.mod.bak": false, "notgo.mod": false, "go.work": false,
	}
	for path, want := range tests {
		if got := New().Match(path); got != want {
			t.Errorf("Match(%q) = %v, want %v", path, got, want)
		}
	}
}
