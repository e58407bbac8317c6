package tms.rules.surface_test

import data.tms.rules.surface

_port := {
	"id": "container.port:api/Dockerfile#8080/tcp",
	"kind": "container.port",
	"name": "api/Dockerfile port 8080/tcp",
	"exposure": "unknown",
	"attributes": {"port": 8080, "protocol": "tcp"},
	"location": {"path": "api/Dockerfile", "line": 7},
}

_dependency := {
	"id": "dependency:go.mod#golang.org/x/net",
	"kind": "dependency",
	"name": "golang.org/x/net",
	"exposure": "internal",
	"attributes": {},
	"location": {"path": "go.mod", "line": 5},
}

_input(surface, model_surface) := {
	"surface": surface,
	"repo": {"diagnostics": []},
	"model": {"surface": model_surface, "acceptances": []},
	"config": {"today": "2026-06-01"},
}

test_unmodeled_public_entry_point_is_high if {
	findings := surface.deny with input as _input([_port], [])
	some f in findings
	f.rule == "TMS-SURFACE-001"
	f.severity == "high"
	f.surface == _port.id
	f.new_surface == true
	f.location == {"path": "api/Dockerfile", "line": 7}
	f.message == `container.port "api/Dockerfile port 8080/tcp" is not in the threat model (exposure unknown)`
}

test_unmodeled_internal_entry_point_is_medium if {
	port := object.union(_port, {"exposure": "internal"})
	findings := surface.deny with input as _input([port], [])
	{f.severity | some f in findings} == {"medium"}
}

test_unmodeled_dependency_is_low if {
	findings := surface.deny with input as _input([_dependency], [])
	{f.severity | some f in findings} == {"low"}
	{f.message | some f in findings} == {`dependency "golang.org/x/net" is not in the threat model`}
}

test_unmodeled_other_kind_is_medium if {
	image := object.union(_port, {"id": "container.image:api/Dockerfile", "kind": "container.image"})
	findings := surface.deny with input as _input([image], [])
	{f.severity | some f in findings} == {"medium"}
}

test_acknowledged_surface_passes if {
	model := [{"id": _port.id, "kind": "container.port", "status": "unreviewed"}]
	count(surface.deny) == 0 with input as _input([_port], model)
}

test_removed_surface_that_returns_is_new_again if {
	model := [{"id": _port.id, "kind": "container.port", "status": "removed"}]
	findings := surface.deny with input as _input([_port], model)
	count(findings) == 1
}

test_accepted_surface_passes if {
	doc := object.union(_input([_port], []), {"model": {"surface": [], "acceptances": [{
		"id": "A-1", "surface": _port.id, "reason": "lab only",
		"approved_by": "alice", "expires": "2026-12-31",
	}]}})
	count(surface.deny) == 0 with input as doc
}

test_expired_acceptance_does_not_hide_surface if {
	doc := object.union(_input([_port], []), {"model": {"surface": [], "acceptances": [{
		"id": "A-1", "surface": _port.id, "reason": "lab only",
		"approved_by": "alice", "expires": "2026-01-31",
	}]}})
	count(surface.deny) == 1 with input as doc
}

test_missing_input_yields_nothing if {
	count(surface.deny) == 0 with input as {}
}

test_diagnostic_is_reported_at_its_line if {
	diagnostic := {"extractor": "npm", "message": "invalid character", "location": {"path": "web/package.json", "line": 3}}
	doc := object.union(_input([], []), {"repo": {"diagnostics": [diagnostic]}})
	findings := surface.deny with input as doc
	some f in findings
	f.rule == "TMS-SURFACE-002"
	f.severity == "medium"
	f.location == diagnostic.location
}

_fp_old := "sha256:1111111111111111111111111111111111111111111111111111111111111111"

_fp_new := "sha256:2222222222222222222222222222222222222222222222222222222222222222"

_reviewed(exposure) := [{
	"id": _port.id, "kind": "container.port", "status": "reviewed",
	"exposure": exposure, "fingerprint": _fp_old,
	"location": {"path": "threat-model.yaml", "line": 3},
}]

test_changed_surface_with_widened_exposure_is_high if {
	port := object.union(_port, {"exposure": "public", "fingerprint": _fp_new})
	findings := surface.deny with input as _input([port], _reviewed("internal"))
	some f in findings
	f.rule == "TMS-SURFACE-003"
	f.severity == "high"
	contains(f.message, "exposure internal to public")
}

test_changed_surface_with_same_exposure_is_medium if {
	port := object.union(_port, {"fingerprint": _fp_new})
	findings := surface.deny with input as _input([port], _reviewed("unknown"))
	{f.severity | some f in findings; f.rule == "TMS-SURFACE-003"} == {"medium"}
}

test_unchanged_surface_passes if {
	port := object.union(_port, {"fingerprint": _fp_old})
	count(surface.deny) == 0 with input as _input([port], _reviewed("unknown"))
}

test_unreviewed_changed_surface_is_not_reported_twice if {
	port := object.union(_port, {"fingerprint": _fp_new})
	entry := object.union(_reviewed("unknown")[0], {"status": "unreviewed"})
	count(surface.deny) == 0 with input as _input([port], [entry])
}

test_gone_surface_is_info if {
	findings := surface.deny with input as _input([], _reviewed("unknown"))
	some f in findings
	f.rule == "TMS-SURFACE-004"
	f.severity == "info"
	f.location.line == 3
}

test_removed_surface_that_is_gone_passes if {
	entry := object.union(_reviewed("unknown")[0], {"status": "removed"})
	count(surface.deny) == 0 with input as _input([], [entry])
}

test_api_definitions_are_left_to_their_own_rule if {
	spec := object.union(_port, {"id": "api.spec:api/openapi.yaml", "kind": "api.spec"})
	count(surface.deny) == 0 with input as _input([spec], [])
}

test_unreviewed_surface_whose_exposure_widened_is_high_and_new if {
	port := object.union(_port, {"exposure": "public", "fingerprint": _fp_new})
	entry := object.union(_reviewed("internal")[0], {"status": "unreviewed"})
	findings := surface.deny with input as _input([port], [entry])
	some f in findings
	f.rule == "TMS-SURFACE-003"
	f.severity == "high"
	f.new_surface == true
	f.backlog == false
	f.message == `container.port "api/Dockerfile port 8080/tcp" changed since the model recorded it: exposure internal to public`
}

# A change that starts from a model: the head model lists the port as
# unreviewed, as tms sync writes it.
_change(base_surface) := object.union(
	_input([_port], [{"id": _port.id, "kind": "container.port", "status": "unreviewed"}]),
	{"base": {"model": {"surface": base_surface}}},
)

_other_entry := {"id": "dependency:go.mod#x", "kind": "dependency", "status": "reviewed"}

test_surface_synced_into_the_model_unreviewed_is_new_at_full_severity if {
	findings := surface.deny with input as _change([_other_entry])
	some f in findings
	f.rule == "TMS-SURFACE-005"
	f.severity == "high"
	f.new_surface == true
	f.backlog == false
	f.message == `container.port "api/Dockerfile port 8080/tcp" is added to the threat model in this change, unreviewed`
}

test_surface_set_back_to_unreviewed_is_reported if {
	base := [_other_entry, {"id": _port.id, "kind": "container.port", "status": "reviewed"}]
	findings := surface.deny with input as _change(base)
	{f.message | some f in findings; f.rule == "TMS-SURFACE-005"} == {
		`container.port "api/Dockerfile port 8080/tcp" was reviewed, and is set back to unreviewed in this change`,
	}
}

test_surface_the_base_left_unreviewed_is_backlog if {
	base := [{"id": _port.id, "kind": "container.port", "status": "unreviewed"}]
	doc := object.union(_change(base), {"base": {"surface": [_port]}})
	count(surface.deny) == 0 with input as doc
}

# An entry recorded in an earlier change, before its item existed, is no
# backlog: the change that adds the item adds new surface.
test_entry_the_base_had_before_its_item_is_new_surface if {
	base := [{"id": _port.id, "kind": "container.port", "status": "unreviewed"}]
	findings := surface.deny with input as _change(base)
	{f.rule | some f in findings; f.new_surface} == {"TMS-SURFACE-005"}
}

test_first_model_of_a_repository_is_a_baseline if {
	count(surface.deny) == 0 with input as _change([])
}

test_synced_surface_answered_by_an_acceptance_passes if {
	doc := object.union(_change([_other_entry]), {"model": {"acceptances": [{
		"id": "A-1", "surface": _port.id, "reason": "lab only",
		"approved_by": "alice", "expires": "2026-12-31",
	}]}})
	count(surface.deny) == 0 with input as doc
}

test_synced_surface_without_a_base_is_backlog if {
	doc := json.remove(_change([_other_entry]), ["base"])
	count(surface.deny) == 0 with input as doc
}

# The base left the port unreviewed and internal; the change makes it public
# and records the new exposure and fingerprint, as tms sync does.
_widened_change(entry) := object.union(
	_input([object.union(_port, {"exposure": "public", "fingerprint": _fp_new})], [entry]),
	{"base": {
		"surface": [object.union(_port, {"exposure": "internal", "fingerprint": _fp_old})],
		"model": {"surface": [object.union(entry, {"exposure": "internal", "fingerprint": _fp_old})]},
	}},
)

_synced_entry := {
	"id": _port.id, "kind": "container.port", "status": "unreviewed",
	"exposure": "public", "fingerprint": _fp_new,
}

test_widened_surface_synced_over_an_unreviewed_entry_still_blocks if {
	findings := surface.deny with input as _widened_change(_synced_entry)
	[[f.rule, f.severity, f.backlog, f.message] | some f in findings] == [[
		"TMS-SURFACE-005", "high", false,
		`container.port "api/Dockerfile port 8080/tcp" exposure widened from internal to public in this change, and nobody has reviewed it`,
	]]
}

test_widened_surface_not_yet_synced_is_reported_once if {
	stale := object.union(_synced_entry, {"exposure": "internal", "fingerprint": _fp_old})
	findings := surface.deny with input as _widened_change(stale)
	[f.rule | some f in findings] == ["TMS-SURFACE-003"]
}

test_widened_surface_a_person_reviewed_passes if {
	reviewed := object.union(_synced_entry, {"status": "reviewed"})
	count(surface.deny) == 0 with input as _widened_change(reviewed)
}

test_reviewed_entry_without_fingerprint_is_reported if {
	entry := json.remove(_reviewed("unknown")[0], ["fingerprint"])
	findings := surface.deny with input as _input([_port], [entry])
	[[f.rule, f.severity, f.location.line] | some f in findings] == [["TMS-SURFACE-006", "low", 3]]
}

test_reviewed_entry_with_fingerprint_is_bound if {
	entry := object.union(_reviewed("unknown")[0], {"fingerprint": _fp_old})
	port := object.union(_port, {"fingerprint": _fp_old})
	count(surface.deny) == 0 with input as _input([port], [entry])
}

test_unreviewed_entry_without_fingerprint_is_backlog_not_unbound if {
	entry := {"id": _port.id, "kind": "container.port", "status": "unreviewed"}
	count(surface.deny) == 0 with input as _input([_port], [entry])
}
