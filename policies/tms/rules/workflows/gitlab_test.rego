package tms.rules.workflows_test

import data.tms.rules.workflows

_gitlab_job(image) := {
	"id": "ci.job:.gitlab-ci.yml#build",
	"kind": "ci.job",
	"name": "job build of .gitlab-ci.yml",
	"exposure": "internal",
	"attributes": {"image": image, "image_pinned": contains(image, "@sha256:"), "secrets": []},
	"location": {"path": ".gitlab-ci.yml", "line": 4},
}

_gitlab_input(surface) := {
	"surface": surface,
	"coverage": {},
	"model": {"surface": [], "threats": [], "mitigations": [], "acceptances": []},
	"config": {"today": "2026-06-01"},
}

_image_findings(image) := {[f.severity, f.message, f.location.line] |
	some f in workflows.deny with input as _gitlab_input([_gitlab_job(image)])
	f.rule == "TMS-CI-008"
}

test_gitlab_job_image_latest_or_untagged_is_medium if {
	_image_findings("node:latest") == {["medium", `job build of .gitlab-ci.yml runs in image "node:latest", not pinned by digest`, 4]}
	{s | some [s, _, _] in _image_findings("node")} == {"medium"}
	{s | some [s, _, _] in _image_findings("registry.example.com:5000/tools/node")} == {"medium"}
}

test_gitlab_job_image_tagged_is_low if {
	{s | some [s, _, _] in _image_findings("node:22-alpine")} == {"low"}
	{s | some [s, _, _] in _image_findings("registry.example.com:5000/node:22")} == {"low"}
}

test_gitlab_job_image_pinned_variable_or_none_passes if {
	count(_image_findings("node:22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")) == 0
	count(_image_findings("$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA")) == 0
	count(_image_findings("")) == 0
}

test_gitlab_job_image_accepted_passes if {
	job := _gitlab_job("node:latest")
	doc := object.union(_gitlab_input([job]), {"model": {"acceptances": [
		{"id": "A-1", "surface": job.id, "approved_by": "ann", "expires": "2026-12-31"},
	]}})
	count([f | some f in workflows.deny with input as doc; f.rule == "TMS-CI-008"]) == 0
}

test_github_job_without_image_attributes_passes if {
	job := json.remove(_gitlab_job("node:latest"), ["attributes/image_pinned", "attributes/image"])
	count([f | some f in workflows.deny with input as _gitlab_input([job]); f.rule == "TMS-CI-008"]) == 0
}

# TMS-CI-009

_mr_job(attributes) := object.union(_gitlab_job("node:22@sha256:0123"), {"attributes": object.union(
	{"merge_requests": true, "protected": false, "environment": "", "secrets": []},
	attributes,
)})

_mr_findings(attributes) := {[f.severity, f.message] |
	some f in workflows.deny with input as _gitlab_input([_mr_job(attributes)])
	f.rule == "TMS-CI-009"
}

test_gitlab_mr_job_with_secrets_is_reported if {
	_mr_findings({"secrets": ["DEPLOY_KEY"], "environment": "staging"}) == {[
		"medium",
		"job build of .gitlab-ci.yml runs in merge request pipelines with secrets DEPLOY_KEY and environment staging, and is not limited to protected refs",
	]}
}

test_gitlab_mr_job_protected_or_without_privilege_passes if {
	count(_mr_findings({"secrets": ["DEPLOY_KEY"], "protected": true})) == 0
	count(_mr_findings({"secrets": ["DEPLOY_KEY"], "merge_requests": false})) == 0
	count(_mr_findings({})) == 0
}

test_gitlab_mr_job_accepted_passes if {
	job := _mr_job({"environment": "production"})
	doc := object.union(_gitlab_input([job]), {"model": {"acceptances": [
		{"id": "A-1", "surface": job.id, "approved_by": "ann", "expires": "2026-12-31"},
	]}})
	count([f | some f in workflows.deny with input as doc; f.rule == "TMS-CI-009"]) == 0
}

test_github_job_without_merge_request_attributes_passes if {
	job := json.remove(_mr_job({"secrets": ["X"]}), ["attributes/merge_requests", "attributes/protected"])
	count([f | some f in workflows.deny with input as _gitlab_input([job]); f.rule == "TMS-CI-009"]) == 0
}
