package githubactions

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestUntrustedExpressions(t *testing.T) {
	tests := map[string][]string{
		// Fields an outsider writes, however they are reached.
		`echo "${{ github.event.issue.title }}"`: {"github.event.issue.title"},
		`echo ${{github.head_ref}}`:              {"github.head_ref"},
		`echo "${{ github.event['pull_request']['body'] }}"`: {
			"github.event['pull_request']['body']",
		},
		`echo '${{ toJSON(github.event) }}'`:            {"toJSON(github.event)"},
		`echo "${{ github.event.commits[0].message }}"`: {"github.event.commits[0].message"},
		`x=${{ github.event.issue.title || 'none' }}`:   {"github.event.issue.title || 'none'"},
		`echo "${{ github.event.workflow_run.head_branch }}"`: {
			"github.event.workflow_run.head_branch",
		},

		// Fields GitHub generates, and values reduced to a boolean.
		`echo "${{ github.event.pull_request.number }}"`:       nil,
		`echo "${{ github.event.pull_request.head.sha }}"`:     nil,
		`[ "${{ github.event.issue.title == 'x' }}" = true ]`:  nil,
		`[ "${{ contains(github.event.issue.body, 'ok') }}" ]`: nil,
		`echo "$TITLE" # no expression at all`:                 nil,

		// Several expressions, and ones that do not parse.
		`echo "${{ secrets.TOKEN }}" "${{ github.event.issue.title`: {"github.event.issue.title"},
		"a ${{ github.sha }} b ${{ github.event.comment.body }} c":  {"github.event.comment.body"},
		`echo "${{ github.event.issue.title ]] }}"`:                 {"github.event.issue.title ]]"},
	}
	for script, want := range tests {
		got := untrustedExpressions(script)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("untrustedExpressions(%q) (-want +got):\n%s", script, diff)
		}
	}
}

func TestSecretNames(t *testing.T) {
	tests := map[string][]string{
		"${{ secrets.npm_token }}":                       {"NPM_TOKEN"},
		"${{ secrets['Api-Key'] }}":                      {"API-KEY"},
		"${{ secrets[matrix.name] }}":                    {"*"},
		"${{ toJSON(secrets) }}":                         {"*"},
		"${{ secrets.A || secrets.B }} ${{ secrets.A }}": {"A", "B"},
		"${{ github.token }}":                            nil,
		"${{ secrets. }}":                                {"*"},
	}
	for s, want := range tests {
		got := stringSecrets(stringField{value: s})
		got = slices.Compact(sortedCopy(got))
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("secrets of %q (-want +got):\n%s", s, diff)
		}
	}
	condition := stringField{value: "secrets.DEPLOY != ''", condition: true}
	if got := stringSecrets(condition); !cmp.Equal(got, []string{"DEPLOY"}) {
		t.Errorf("condition without ${{ }}: got %v, want [DEPLOY]", got)
	}
}

func TestParseUses(t *testing.T) {
	tests := map[string]actionRef{
		"actions/checkout@v4": {name: "actions/checkout", ref: "v4"},
		"Actions/Checkout@11bd71901bbe5b1630ceea73d27597364c9af683": {
			name: "actions/checkout", ref: "11bd71901bbe5b1630ceea73d27597364c9af683", pinned: true,
		},
		"org/repo/path/to@main":       {name: "org/repo/path/to", ref: "main"},
		"org/repo@0123456":            {name: "org/repo", ref: "0123456"},
		"org/repo":                    {name: "org/repo"},
		"./.github/actions/x":         {name: "./.github/actions/x", pinned: true, local: true},
		"docker://alpine":             {name: "docker://alpine", docker: true},
		"docker://localhost:5000/img": {name: "docker://localhost:5000/img", docker: true},
		"docker://img:1@sha256:" + sha: {
			name: "docker://img", ref: "sha256:" + sha, pinned: true, docker: true,
		},
		"docker://img@sha256:short": {name: "docker://img", ref: "sha256:short", docker: true},
	}
	for uses, want := range tests {
		got := parseUses(uses)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(actionRef{})); diff != "" {
			t.Errorf("parseUses(%q) (-want +got):\n%s", uses, diff)
		}
	}
}

func TestFirstParty(t *testing.T) {
	tests := map[string]bool{
		"actions/cache@v4": true, "github/codeql-action/init@v3": true,
		"actions-rs/toolchain@v1": false, "docker://actions/x": false, "./actions/x": false,
	}
	for uses, want := range tests {
		if got := parseUses(uses).firstParty(); got != want {
			t.Errorf("firstParty(%q) = %v, want %v", uses, got, want)
		}
	}
}
