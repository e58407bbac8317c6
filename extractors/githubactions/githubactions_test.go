package githubactions

import (
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func at(p string, line int) extractors.Location {
	return extractors.Location{Path: p, Line: line}
}

func workflow(p string, line int, attrs map[string]any) extractors.Item {
	return extractors.Item{
		ID: "ci.workflow:" + p, Kind: "ci.workflow", Name: "workflow " + p,
		Exposure: extractors.ExposureUnknown, Attributes: attrs, Location: at(p, line),
	}
}

// job fills the attributes most jobs share; attrs overrides them.
func job(p, name string, line int, attrs map[string]any) extractors.Item {
	all := map[string]any{
		"workflow": "ci.workflow:" + p, "runs_on": []any{"ubuntu-latest"},
		"self_hosted": false, "permissions": "inherited", "writes": true,
		"secrets": []any{}, "inherits_secrets": false,
		"untrusted_expressions": []any{}, "checks_out_pr_head": false,
	}
	for k, v := range attrs {
		all[k] = v
	}
	return extractors.Item{
		ID: "ci.job:" + p + "#" + name, Kind: "ci.job", Name: "job " + name + " of " + p,
		Exposure: extractors.ExposureInternal, Attributes: all, Location: at(p, line),
	}
}

// action describes a repository action at a ref; attrs overrides the rest.
func action(p, jobName, name, ref string, line int, attrs map[string]any) extractors.Item {
	all := map[string]any{
		"job": "ci.job:" + p + "#" + jobName, "action": name, "ref": ref,
		"pinned": false, "first_party": false, "docker": false, "local": false,
		"reusable": false,
	}
	for k, v := range attrs {
		all[k] = v
	}
	return extractors.Item{
		ID: "ci.action:" + p + "#" + jobName + "/" + name, Kind: "ci.action",
		Name:     name + " in job " + jobName + " of " + p,
		Exposure: extractors.ExposureInternal, Attributes: all, Location: at(p, line),
	}
}

const sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestExtractWorkflows(t *testing.T) {
	const (
		pr  = ".github/workflows/pr-target.yml"
		ci  = ".github/workflows/ci.yml"
		anc = ".github/workflows/anchors.yml"
		wr  = ".github/workflows/workflow-run.yml"
	)
	tests := []struct {
		fixture, path string
		want          []extractors.Item
		wantLine      int // line of the returned error, 0 for none
	}{
		{fixture: "pr-target.yml", path: pr, want: []extractors.Item{
			action(pr, "label", "actions/github-script",
				"60a0d83039c74a4aee543508d2ffcb1c3799cdea", 31,
				map[string]any{"pinned": true, "first_party": true}),
			action(pr, "test", "actions/checkout", "v4", 15,
				map[string]any{"first_party": true}),
			// Used at a tag and at a SHA: the item keeps the tag.
			action(pr, "test", "some-org/setup-thing", "v2", 23, nil),
			job(pr, "label", 26, map[string]any{
				"runs_on": []any{"self-hosted", "linux"}, "self_hosted": true,
				"permissions":           map[string]any{"pull-requests": "write"},
				"secrets":               []any{"LABEL_TOKEN"},
				"untrusted_expressions": []any{"github.event.pull_request.head.ref"},
				// The runs-on line, and the script of the github-script step.
				"lines": map[string]any{"self_hosted": 27, "untrusted_expressions": 33},
			}),
			job(pr, "test", 10, map[string]any{
				"secrets":               []any{"NPM_TOKEN"},
				"untrusted_expressions": []any{"github.event.pull_request.title"},
				"checks_out_pr_head":    true,
				// The checkout's ref, and the run: of the first script that
				// expands event data.
				"lines": map[string]any{"checks_out_pr_head": 17, "untrusted_expressions": 19},
			}),
			workflow(pr, 6, map[string]any{
				"triggers": []any{"pull_request_target"}, "pull_request_target": true,
				"workflow_run": false, "permissions": "default", "writes": true,
			}),
		}},
		{fixture: "ci.yml", path: ci, want: []extractors.Item{
			action(ci, "build", "./.github/actions/setup", "", 23,
				map[string]any{"pinned": true, "local": true}),
			action(ci, "build", "actions/checkout",
				"11bd71901bbe5b1630ceea73d27597364c9af683", 22,
				map[string]any{"pinned": true, "first_party": true}),
			action(ci, "build", "docker://alpine", "3.20", 24,
				map[string]any{"docker": true}),
			action(ci, "build", "docker://ghcr.io/org/tool", "sha256:"+sha, 25,
				map[string]any{"docker": true, "pinned": true}),
			action(ci, "release", "some-org/workflows/.github/workflows/release.yml", "v1", 41,
				map[string]any{"reusable": true}),
			job(ci, "build", 14, map[string]any{
				"runs_on": []any{"${{ matrix.os }}"}, "writes": false,
				"secrets": []any{"DEPLOY_KEY", "GLOBAL_SECRET"},
			}),
			job(ci, "gpu", 29, map[string]any{
				"runs_on": []any{"group:gpu-runners"}, "self_hosted": true,
				"permissions": map[string]any{"contents": "write", "id-token": "write"},
				"secrets":     []any{"GLOBAL_SECRET"},
				"lines":       map[string]any{"self_hosted": 31},
			}),
			job(ci, "release", 38, map[string]any{
				"runs_on": []any{}, "writes": false, "inherits_secrets": true,
				"secrets": []any{"GLOBAL_SECRET", "RELEASE_ENABLED"},
			}),
			workflow(ci, 3, map[string]any{
				"triggers":            []any{"pull_request", "push", "workflow_dispatch"},
				"pull_request_target": false, "workflow_run": false,
				"permissions": "read-all", "writes": true,
			}),
		}},
		// Anchors are resolved: the second job runs the first one's steps.
		{fixture: "anchors.yml", path: anc, want: []extractors.Item{
			action(anc, "first", "actions/setup-go", "v5", 7,
				map[string]any{"first_party": true}),
			action(anc, "second", "actions/setup-go", "v5", 7,
				map[string]any{"first_party": true}),
			job(anc, "first", 4, map[string]any{
				"writes":                false,
				"untrusted_expressions": []any{"github.event.comment.body"},
				"lines":                 map[string]any{"untrusted_expressions": 8},
			}),
			job(anc, "second", 9, map[string]any{
				"permissions":           "write-all",
				"untrusted_expressions": []any{"github.event.comment.body"},
				// Steps shared through an alias keep the anchor's lines.
				"lines": map[string]any{"untrusted_expressions": 8},
			}),
			workflow(anc, 1, map[string]any{
				"triggers":            []any{"issue_comment", "push"},
				"pull_request_target": false, "workflow_run": false,
				"permissions": map[string]any{}, "writes": true,
			}),
		}},
		// Steps that download the triggering run's artifacts, by action, by
		// API or by the GitHub CLI; a download from the workflow's own run
		// is not one of them.
		{fixture: "workflow-run.yml", path: wr, want: []extractors.Item{
			action(wr, "by-hand", "actions/github-script", "v7", 32, map[string]any{"first_party": true}),
			action(wr, "official", "actions/download-artifact", "v4", 13, map[string]any{"first_party": true}),
			action(wr, "own-run", "actions/download-artifact", "v4", 42, map[string]any{"first_party": true}),
			action(wr, "third-party", "dawidd6/action-download-artifact", "v6", 22, nil),
			job(wr, "by-hand", 26, map[string]any{
				"permissions": "inherited", "secrets": []any{},
				"run_artifact_steps": []any{
					"gh run download ${{ github.event.workflow_run.id }} -n coverage",
					"actions/github-script@v7",
				},
				"lines": map[string]any{"run_artifact_steps": 29},
			}),
			job(wr, "official", 9, map[string]any{
				"secrets":            []any{"GITHUB_TOKEN"},
				"run_artifact_steps": []any{"Fetch the pull request's coverage"},
				"lines":              map[string]any{"run_artifact_steps": 13},
			}),
			job(wr, "own-run", 38, map[string]any{"secrets": []any{"GITHUB_TOKEN"}}),
			job(wr, "third-party", 19, map[string]any{
				"run_artifact_steps": []any{"dawidd6/action-download-artifact@v6"},
				"lines":              map[string]any{"run_artifact_steps": 22},
			}),
			workflow(wr, 3, map[string]any{
				"triggers": []any{"workflow_run"}, "pull_request_target": false,
				"workflow_run": true, "permissions": map[string]any{"pull-requests": "write"}, "writes": true,
			}),
		}},
		// yaml reports the line of the mapping that holds the bad entry.
		{fixture: "broken.yml", path: ".github/workflows/broken.yml", wantLine: 3},
		// A workflow that parses but breaks the schema is read as far as it goes.
		// A runner tms cannot read may be self-hosted.
		{fixture: "partial.yml", path: ".github/workflows/partial.yml", wantLine: 5,
			want: []extractors.Item{
				job(".github/workflows/partial.yml", "build", 3, map[string]any{
					"runs_on": []any{}, "self_hosted": true,
				}),
				workflow(".github/workflows/partial.yml", 1, map[string]any{
					"triggers": []any{"workflow_run"}, "pull_request_target": false,
					"workflow_run": true, "permissions": "default", "writes": true,
				}),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			got, err := New().Extract(file(t, tt.fixture, tt.path), nil)
			extractortest.CheckResult(t, got, err, tt.want, tt.wantLine, "")
		})
	}
}

func TestExtractCompositeAction(t *testing.T) {
	const p = ".github/actions/setup/action.yml"
	composite := job(p, "runs", 4, map[string]any{
		"workflow": "", "runs_on": []any{},
		"untrusted_expressions": []any{"github.head_ref"},
		"lines":                 map[string]any{"untrusted_expressions": 10},
	})
	composite.Name = "steps of composite action " + p
	want := []extractors.Item{
		action(p, "runs", "actions/setup-node", "v4", 6, map[string]any{"first_party": true}),
		action(p, "runs", "other-org/cache", "main", 11, nil),
		composite,
	}
	got, err := New().Extract(file(t, "action.yml", p), nil)
	extractortest.CheckResult(t, got, err, want, 0, "")

	// A JavaScript action's metadata is not this extractor's business.
	node := []byte("runs:\n  using: node20\n  main: x.js\n")
	js := extractors.File{Path: "action.yml", Content: node}
	if items, err := New().Extract(js, nil); len(items) != 0 || err != nil {
		t.Errorf("node action: got %v, %v; want nothing", items, err)
	}
	unclosed := []byte("runs:\n  using: composite\n  steps: [\n")
	bad := extractors.File{Path: "action.yml", Content: unclosed}
	if _, err := New().Extract(bad, nil); extractortest.ErrorLine(err) < 1 {
		t.Errorf("broken composite action: error %v, want one with a line", err)
	}
}

// file is the fixture under testdata named fixture, at path p.
func file(t testing.TB, fixture, p string) extractors.File {
	t.Helper()
	return extractors.File{Path: p, Content: extractortest.Fixture(t, "testdata", fixture)}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		".github/workflows/ci.yml":          true,
		".github/workflows/release.yaml":    true,
		".github/workflows/sub/ci.yml":      false,
		"sub/.github/workflows/ci.yml":      false,
		".github/workflows/README.md":       false,
		".github/actions/setup/action.yml":  true,
		"action.yaml":                       true,
		".github/dependabot.yml":            false,
		"docs/action.yml.md":                false,
		".github/workflows/ci.yml.disabled": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}
