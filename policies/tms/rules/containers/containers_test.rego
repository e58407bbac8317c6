package tms.rules.containers_test

import data.tms.rules.containers

_image(attrs) := {
	"id": "container.image:api/Dockerfile",
	"kind": "container.image",
	"name": "image built by api/Dockerfile",
	"exposure": "unknown",
	"attributes": object.union(
		{
			"base_image": "alpine", "stages": 1, "user": "", "runs_as_root": true,
			"add_urls": [], "pipe_to_shell": [], "secrets_in_env": [],
		},
		attrs,
	),
	"location": {"path": "api/Dockerfile", "line": 1},
}

_base(attrs) := {
	"id": "container.base:api/Dockerfile#alpine",
	"kind": "container.base",
	"name": "alpine",
	"exposure": "internal",
	"attributes": object.union(
		{
			"image": "alpine", "tag": "3.20", "digest": "", "pinned": false,
			"stage": "0", "unresolved": false,
		},
		attrs,
	),
	"location": {"path": "api/Dockerfile", "line": 1},
}

_input(surface) := {
	"surface": surface,
	"model": {"threats": [{"id": "T-1", "stride": ["spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service", "elevation_of_privilege"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}], "acceptances": []},
	"coverage": {},
	"config": {"today": "2026-06-01"},
}

_rules(findings, rule) := {f | some f in findings; f.rule == rule}

test_root_image_deny if {
	found := _rules(containers.deny, "TMS-CONTAINER-001") with input as _input([_image({})])
	some f in found
	f.severity == "medium"
	f.message == `image built by api/Dockerfile runs as root (USER "")`
}

test_root_image_allow_non_root if {
	image := _image({"user": "app", "runs_as_root": false})
	count(_rules(containers.deny, "TMS-CONTAINER-001")) == 0 with input as _input([image])
}

test_root_image_allow_when_covered if {
	image := _image({})
	doc := object.union(_input([image]), {"coverage": {image.id: {"mitigations": ["M-1"], "threats": []}}})
	count(containers.deny) == 0 with input as doc
}

# A mitigation answers only the rules that share a STRIDE category with one
# of its threats: an audit log against repudiation leaves a root image open.
test_root_image_deny_when_covered_for_another_category if {
	image := _image({})
	doc := object.union(_input([image]), {
		"model": {"threats": [{"id": "T-2", "stride": ["repudiation"]}], "mitigations": [{"id": "M-2", "status": "implemented", "mitigates": ["T-2"]}]},
		"coverage": {image.id: {"mitigations": ["M-2"], "threats": []}},
	})
	count(_rules(containers.deny, "TMS-CONTAINER-001")) == 1 with input as doc
}

test_unpinned_base_deny if {
	found := _rules(containers.deny, "TMS-CONTAINER-002") with input as _input([_base({})])
	{f.message | some f in found} == {`base image alpine is not pinned by digest (tag "3.20")`}
	{f.severity | some f in found} == {"low"}
}

test_pinned_base_allow if {
	base := _base({"pinned": true, "digest": "sha256:0000"})
	count(_rules(containers.deny, "TMS-CONTAINER-002")) == 0 with input as _input([base])
}

test_unverified_downloads_deny if {
	image := _image({
		"runs_as_root": false,
		"add_urls": [
			{"url": "https://example.com/a.tgz", "line": 4, "checksum": false},
			{"url": "https://example.com/b.tgz", "line": 5, "checksum": true},
		],
		"pipe_to_shell": [7],
	})
	found := _rules(containers.deny, "TMS-CONTAINER-003") with input as _input([image])
	{[f.location.line, f.message] | some f in found} == {
		[4, "image built by api/Dockerfile adds https://example.com/a.tgz without a checksum"],
		[7, "image built by api/Dockerfile pipes a download into a shell"],
	}
}

test_verified_downloads_allow if {
	image := _image({"add_urls": [{"url": "https://example.com/b.tgz", "line": 5, "checksum": true}]})
	count(_rules(containers.deny, "TMS-CONTAINER-003")) == 0 with input as _input([image])
}

test_missing_input_yields_nothing if {
	count(containers.deny) == 0 with input as {}
}
