package tms.rules.workflows_test

import data.tms.rules.workflows

_path := ".github/workflows/pr.yml"

_workflow(attrs) := {
	"id": concat("", ["ci.workflow:", _path]),
	"kind": "ci.workflow",
	"name": concat(" ", ["workflow", _path]),
	"exposure": "unknown",
	"attributes": object.union(
		{
			"triggers": ["pull_request_target"], "pull_request_target": true,
			"workflow_run": false, "permissions": {}, "writes": false,
		},
		attrs,
	),
	"location": {"path": _path, "line": 3},
}

_job(attrs) := {
	"id": concat("", ["ci.job:", _path, "#test"]),
	"kind": "ci.job",
	"name": "job test",
	"exposure": "internal",
	"attributes": object.union(
		{
			"workflow": concat("", ["ci.workflow:", _path]), "runs_on": ["ubuntu-latest"],
			"self_hosted": false, "permissions": "inherited", "writes": false,
			"secrets": [], "inherits_secrets": false, "untrusted_expressions": [],
			"checks_out_pr_head": false,
		},
		attrs,
	),
	"location": {"path": _path, "line": 9},
}

_action(attrs) := {
	"id": concat("", ["ci.action:", _path, "#test/some-org/thing"]),
	"kind": "ci.action",
	"name": "some-org/thing in job test",
	"exposure": "internal",
	"attributes": object.union(
		{
			"job": concat("", ["ci.job:", _path, "#test"]), "action": "some-org/thing",
			"ref": "v2", "pinned": false, "first_party": false, "docker": false,
			"local": false, "reusable": false,
		},
		attrs,
	),
	"location": {"path": _path, "line": 12},
}

_include(attrs) := {
	"id": "ci.include:.gitlab-ci.yml#https://example.com/ci.yml",
	"kind": "ci.include",
	"name": "remote include",
	"exposure": "internal",
	"attributes": object.union(
		{
			"type": "remote", "location": "https://example.com/ci.yml", "ref": "",
			"remote": true, "pinned": false,
		},
		attrs,
	),
	"location": {"path": ".gitlab-ci.yml", "line": 2},
}

_input(surface) := {
	"surface": surface,
	"model": {"threats": [{"id": "T-1", "stride": ["spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service", "elevation_of_privilege"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}], "acceptances": []},
	"coverage": {},
	"config": {"today": "2026-06-01"},
}

# Covers an item with the implemented mitigation M-1.
_covering(doc, item_id) := object.union(doc, {"coverage": {item_id: {"mitigations": ["M-1"], "threats": []}}})

_rules(findings, rule) := {f | some f in findings; f.rule == rule}

test_pwn_request_deny if {
	job := _job({"checks_out_pr_head": true, "secrets": ["NPM_TOKEN"]})
	found := _rules(workflows.deny, "TMS-CI-001") with input as _input([_workflow({}), job])
	some f in found
	f.severity == "critical"
	f.surface == job.id
	f.location == job.location
	f.message == "job test checks out pull request code on pull_request_target while it holds secrets or a write token"
}

# The finding points at the step that fetches the code, not at the job.
test_pwn_request_at_the_checkout_line if {
	job := _job({
		"checks_out_pr_head": true, "secrets": ["NPM_TOKEN"],
		"lines": {"checks_out_pr_head": 17, "untrusted_expressions": 14},
	})
	found := _rules(workflows.deny, "TMS-CI-001") with input as _input([_workflow({}), job])
	{f.location | some f in found} == {{"path": _path, "line": 17}}
}

test_pwn_request_write_token_deny if {
	job := _job({"checks_out_pr_head": true, "writes": true})
	workflow := _workflow({"triggers": ["workflow_run"], "pull_request_target": false, "workflow_run": true})
	count(_rules(workflows.deny, "TMS-CI-001")) == 1 with input as _input([workflow, job])
}

test_pwn_request_allow_without_privilege if {
	job := _job({"checks_out_pr_head": true})
	count(_rules(workflows.deny, "TMS-CI-001")) == 0 with input as _input([_workflow({}), job])
}

test_pwn_request_allow_on_pull_request if {
	job := _job({"checks_out_pr_head": true, "writes": true})
	workflow := _workflow({"triggers": ["pull_request"], "pull_request_target": false})
	count(_rules(workflows.deny, "TMS-CI-001")) == 0 with input as _input([workflow, job])
}

test_pwn_request_allow_when_workflow_covered if {
	job := _job({"checks_out_pr_head": true, "inherits_secrets": true})
	doc := _covering(_input([_workflow({}), job]), _workflow({}).id)
	count(_rules(workflows.deny, "TMS-CI-001")) == 0 with input as doc
}

_workflow_run := _workflow({"triggers": ["workflow_run"], "pull_request_target": false, "workflow_run": true})

test_run_artifacts_deny if {
	job := _job({"run_artifact_steps": ["Fetch coverage", "gh run download 42"], "writes": true})
	found := _rules(workflows.deny, "TMS-CI-001") with input as _input([_workflow_run, job])
	some f in found
	f.severity == "critical"
	f.surface == job.id
	f.message == `job test downloads the triggering run's artifacts on workflow_run (step "Fetch coverage", "gh run download 42") while it holds secrets or a write token`
}

test_run_artifacts_and_checkout_deny_once if {
	job := _job({"run_artifact_steps": ["Fetch coverage"], "checks_out_pr_head": true, "secrets": ["NPM_TOKEN"]})
	found := _rules(workflows.deny, "TMS-CI-001") with input as _input([_workflow_run, job])
	count(found) == 1
	some f in found
	f.message == `job test checks out pull request code on workflow_run and downloads the triggering run's artifacts on workflow_run (step "Fetch coverage") while it holds secrets or a write token`
}

# Of the two ways in, the one written first locates the finding; a way that
# does not apply (a checkout on pull_request) does not.
test_run_artifacts_at_the_earliest_applying_step if {
	lines := {"lines": {"run_artifact_steps": 20, "checks_out_pr_head": 12}}
	both := _job(object.union(lines, {"run_artifact_steps": ["Fetch coverage"], "checks_out_pr_head": true, "writes": true}))
	found := _rules(workflows.deny, "TMS-CI-001") with input as _input([_workflow_run, both])
	{f.location.line | some f in found} == {12}

	artifacts := _job(object.union(lines, {"run_artifact_steps": ["Fetch coverage"], "writes": true}))
	found_artifacts := _rules(workflows.deny, "TMS-CI-001") with input as _input([_workflow_run, artifacts])
	{f.location.line | some f in found_artifacts} == {20}
}

test_run_artifacts_allow_without_privilege if {
	job := _job({"run_artifact_steps": ["Fetch coverage"]})
	count(_rules(workflows.deny, "TMS-CI-001")) == 0 with input as _input([_workflow_run, job])
}

test_run_artifacts_allow_without_workflow_run if {
	job := _job({"run_artifact_steps": ["Fetch coverage"], "writes": true})
	count(_rules(workflows.deny, "TMS-CI-001")) == 0 with input as _input([_workflow({}), job])
}

test_run_artifacts_allow_when_covered if {
	job := _job({"run_artifact_steps": ["Fetch coverage"], "writes": true})
	count(_rules(workflows.deny, "TMS-CI-001")) == 0 with input as _covering(_input([_workflow_run, job]), job.id)
}

# A job that downloads no triggering run's artifacts carries no such attribute.
test_run_artifacts_allow_missing_attribute if {
	job := _job({"writes": true, "secrets": ["NPM_TOKEN"]})
	not "run_artifact_steps" in object.keys(job.attributes)
	count(_rules(workflows.deny, "TMS-CI-001")) == 0 with input as _input([_workflow_run, job])
}

test_untrusted_expression_deny if {
	job := _job({"untrusted_expressions": ["github.event.issue.title"]})
	found := _rules(workflows.deny, "TMS-CI-002") with input as _input([job])
	some f in found
	f.severity == "high"
	f.message == "job test expands untrusted event data into a script: github.event.issue.title"
	f.location == job.location
}

test_untrusted_expression_at_the_script_line if {
	job := _job({"untrusted_expressions": ["github.event.issue.title"], "lines": {"untrusted_expressions": 22}})
	found := _rules(workflows.deny, "TMS-CI-002") with input as _input([job])
	{f.location | some f in found} == {{"path": _path, "line": 22}}
}

test_untrusted_expression_allow if {
	count(_rules(workflows.deny, "TMS-CI-002")) == 0 with input as _input([_job({})])
}

test_untrusted_expression_allow_when_covered if {
	job := _job({"untrusted_expressions": ["github.head_ref"]})
	count(_rules(workflows.deny, "TMS-CI-002")) == 0 with input as _covering(_input([job]), job.id)
}

test_unpinned_action_deny_medium_in_privileged_job if {
	found := _rules(workflows.deny, "TMS-CI-003") with input as _input([_job({"writes": true}), _action({})])
	{f.severity | some f in found} == {"medium"}
	{f.message | some f in found} == {`some-org/thing is used at "v2", which is not a full commit SHA or digest`}
}

test_unpinned_action_deny_low_in_unprivileged_job if {
	found := _rules(workflows.deny, "TMS-CI-003") with input as _input([_job({}), _action({})])
	{f.severity | some f in found} == {"low"}
}

test_unpinned_action_deny_medium_when_job_unknown if {
	found := _rules(workflows.deny, "TMS-CI-003") with input as _input([_action({})])
	{f.severity | some f in found} == {"medium"}
}

test_unpinned_action_allow_pinned_first_party_local if {
	surface := [
		_action({"pinned": true}),
		object.union(_action({"first_party": true}), {"id": "ci.action:x#a/actions/checkout"}),
		object.union(_action({"local": true}), {"id": "ci.action:x#a/./local"}),
	]
	count(_rules(workflows.deny, "TMS-CI-003")) == 0 with input as _input(surface)
}

test_self_hosted_public_trigger_deny if {
	job := _job({"self_hosted": true, "runs_on": ["self-hosted", "linux"]})
	workflow := _workflow({"triggers": ["issue_comment", "push"]})
	found := _rules(workflows.deny, "TMS-CI-004") with input as _input([workflow, job])
	{f.message | some f in found} == {"job test may run on a self-hosted runner (self-hosted, linux) and starts on issue_comment"}
	{f.location | some f in found} == {job.location}
}

test_self_hosted_at_the_runs_on_line if {
	job := _job({"self_hosted": true, "runs_on": ["self-hosted"], "lines": {"self_hosted": 10}})
	workflow := _workflow({"triggers": ["pull_request"]})
	found := _rules(workflows.deny, "TMS-CI-004") with input as _input([workflow, job])
	{f.location | some f in found} == {{"path": _path, "line": 10}}
}

test_self_hosted_private_trigger_allow if {
	job := _job({"self_hosted": true})
	workflow := _workflow({"triggers": ["push", "workflow_dispatch"]})
	count(_rules(workflows.deny, "TMS-CI-004")) == 0 with input as _input([workflow, job])
}

test_broad_token_deny if {
	surface := [_workflow({"permissions": "default", "writes": true}), _job({"writes": true})]
	found := _rules(workflows.deny, "TMS-CI-005") with input as _input(surface)
	{f.surface | some f in found} == {surface[0].id}
	{f.message | some f in found} == {"workflow .github/workflows/pr.yml runs with default token permissions"}
	{f.severity | some f in found} == {"low"}
}

test_broad_token_write_all_job_deny if {
	surface := [_workflow({"permissions": "default", "writes": true}), _job({"permissions": "write-all"})]
	found := _rules(workflows.deny, "TMS-CI-005") with input as _input(surface)
	{f.surface | some f in found} == {surface[1].id}
}

# Every job sets its own permissions, so the default token reaches none.
test_broad_token_every_job_scoped_allow if {
	job := _job({"permissions": {"contents": "read", "pull-requests": "write"}, "writes": true})
	surface := [_workflow({"permissions": "default", "writes": true}), job]
	count(_rules(workflows.deny, "TMS-CI-005")) == 0 with input as _input(surface)
}

test_broad_token_allow if {
	surface := [_workflow({"permissions": "default", "writes": false}), _job({"permissions": "read-all"})]
	count(_rules(workflows.deny, "TMS-CI-005")) == 0 with input as _input(surface)
}

test_unpinned_include_deny if {
	found := _rules(workflows.deny, "TMS-CI-006") with input as _input([_include({})])
	{f.message | some f in found} == {"remote include https://example.com/ci.yml is not pinned to a commit"}
	{f.severity | some f in found} == {"medium"}
}

test_unpinned_include_allow if {
	surface := [_include({"pinned": true}), object.union(_include({"type": "template"}), {"id": "ci.include:x#t"})]
	count(_rules(workflows.deny, "TMS-CI-006")) == 0 with input as _input(surface)
}

test_publishing_workflow_deny if {
	surface := [
		_workflow({"permissions": {"contents": "write", "id-token": "write", "issues": "write"}}),
		_job({"permissions": "write-all"}),
	]
	found := _rules(workflows.deny, "TMS-CI-007") with input as _input(surface)
	{f.message | some f in found} == {
		"workflow .github/workflows/pr.yml can publish (contents: write, id-token: write); changes to it must be reviewed and its runs audited",
		"job test can publish (write-all); changes to it must be reviewed and its runs audited",
	}
	{f.severity | some f in found} == {"info"}
}

test_publishing_workflow_allow if {
	surface := [_workflow({"permissions": {"issues": "write"}}), _job({"permissions": "inherited"})]
	count(_rules(workflows.deny, "TMS-CI-007")) == 0 with input as _input(surface)
}

test_missing_input_yields_nothing if {
	count(workflows.deny) == 0 with input as {}
}
