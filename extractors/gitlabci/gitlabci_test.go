package gitlabci

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func at(p string, line int) extractors.Location {
	return extractors.Location{Path: p, Line: line}
}

func include(typ, location, ref string, pinned bool, line int) extractors.Item {
	return extractors.Item{
		ID: "ci.include:.gitlab-ci.yml#" + location, Kind: "ci.include",
		Name:     typ + " include " + location + " in .gitlab-ci.yml",
		Exposure: extractors.ExposureInternal,
		Attributes: map[string]any{
			"type": typ, "location": location, "ref": ref,
			"remote": typ == "remote", "pinned": pinned,
		},
		Location: at(".gitlab-ci.yml", line),
	}
}

// jobItem fills the attributes of a job that sets nothing; attrs overrides them.
func jobItem(p, name string, line int, attrs map[string]any) extractors.Item {
	all := map[string]any{
		"image": "", "image_pinned": false, "services": []any{}, "secrets": []any{},
		"variables": []any{}, "environment": "", "protected": false, "merge_requests": false,
	}
	for k, v := range attrs {
		all[k] = v
	}
	return extractors.Item{
		ID: "ci.job:" + p + "#" + name, Kind: "ci.job", Name: "job " + name + " of " + p,
		Exposure: extractors.ExposureInternal, Attributes: all, Location: at(p, line),
	}
}

const (
	sha      = "4f2d9c3a1b0e8f7d6c5b4a39281706f5e4d3c2b1"
	deployer = "registry.example.com/deployer@sha256:" +
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
)

func TestExtract(t *testing.T) {
	app := []extractors.Item{
		include("template", "Security/SAST.gitlab-ci.yml", "", false, 14),
		include("component", "gitlab.example.com/ops/components/scan", "1.2.0", false, 15),
		include("remote", "https://REDACTED@example.com/ci/shared.yml", "", false, 4),
		include("remote", "https://gitlab.example.com/ops/ci/-/raw/"+sha+"/lint.yml", "", true, 5),
		include("project", "ops/ci-templates:deploy.yml", "main", false, 9),
		include("project", "ops/ci-templates:security.yml", "main", false, 10),
		include("project", "ops/pinned:base.yml", sha, true, 13),
		// extends a hidden job, which brings image, secrets and rules.
		jobItem(".gitlab-ci.yml", "deploy", 46, map[string]any{
			"image": deployer, "image_pinned": true, "environment": "production",
			"protected": true, "secrets": []any{"DATABASE_PASSWORD"},
			"variables": []any{"CI_JOB_TOKEN", "DEPLOY_USER"},
		}),
		// merges the same hidden job with <<, and overrides its rules.
		jobItem(".gitlab-ci.yml", "review", 53, map[string]any{
			"image": deployer, "image_pinned": true,
			"environment": "review/$CI_COMMIT_REF_SLUG", "merge_requests": true,
			"secrets": []any{"DATABASE_PASSWORD"}, "variables": []any{"REVIEW_TOKEN"},
		}),
		// has no rules, so the workflow's merge request pipelines run it.
		jobItem(".gitlab-ci.yml", "test", 36, map[string]any{
			"image": "node:22-alpine", "merge_requests": true,
			"services": []any{"postgres:16", "redis:7"}, "variables": []any{"NPM_TOKEN"},
		}),
		// comes from an included file, extends two templates from a file
		// that one includes, and opts out of the default image.
		jobItem("ci/build.yml", "build", 4, map[string]any{
			"image": "node:22", "merge_requests": true,
			"secrets": []any{"NPM_TOKEN"}, "variables": []any{"CI_COMMIT_SHA"},
		}),
	}

	tests := []struct {
		fixture  string
		want     []extractors.Item
		wantLine int // line of the returned error, 0 for none
	}{
		{fixture: "app/.gitlab-ci.yml", want: app},
		{fixture: "broken/.gitlab-ci.yml", wantLine: 4},
		// Missing and wildcard includes are reported at the include.
		{fixture: "broken/missing.yml", wantLine: 2, want: []extractors.Item{
			jobItem(".gitlab-ci.yml", "job", 4, nil),
		}},
		{fixture: "broken/anchors.yml", want: []extractors.Item{
			jobItem(".gitlab-ci.yml", "loop", 3, map[string]any{"image": "alpine"}),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			got, err := extract(t, tt.fixture)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

func TestIncludeURLKeepsNoToken(t *testing.T) {
	items, err := extract(t, "app/.gitlab-ci.yml")
	out, jsonErr := json.Marshal(items)
	if jsonErr != nil {
		t.Fatal(jsonErr)
	}
	if text := string(out) + fmt.Sprint(err); strings.Contains(text, "FAKE") {
		t.Errorf("output holds the include URL's token: %s", text)
	}
}

// extract reads the fixture under testdata as the .gitlab-ci.yml of the
// repository in testdata/app.
func extract(t testing.TB, fixture string) ([]extractors.Item, error) {
	t.Helper()
	f := extractors.File{Path: ".gitlab-ci.yml",
		Content: extractortest.Fixture(t, "testdata", fixture)}
	return New().Extract(f, extractortest.DirRepo("testdata/app"))
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		".gitlab-ci.yml": true, "sub/.gitlab-ci.yml": true, ".gitlab-ci.yaml": true,
		"ci/build.yml": false, "gitlab-ci.yml": false, ".gitlab/ci/x.yml": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
