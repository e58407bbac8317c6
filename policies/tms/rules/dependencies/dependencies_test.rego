package tms.rules.dependencies_test

import data.tms.rules.dependencies

_item(id, attributes) := {
	"id": id,
	"kind": "dependency",
	"name": attributes.name,
	"exposure": "internal",
	"attributes": attributes,
	"location": {"path": "requirements.txt", "line": 3},
}

_pypi(extra) := object.union(
	{
		"ecosystem": "pypi", "name": "flask", "version": "", "constraint": ">=3",
		"direct": true, "scope": "prod", "source": "registry", "url": "", "pinned": false,
		"hash": false, "locked": false,
	},
	extra,
)

_input(items) := {
	"surface": items,
	"model": {"mitigations": [], "acceptances": []},
	"coverage": {},
	"config": {"today": "2026-06-01"},
}

_findings(items, rule) := {f |
	some f in dependencies.deny with input as _input(items)
	f.rule == rule
}

test_dep_001_git_is_medium if {
	item := _item("dependency:Cargo.toml#tracing", _pypi({
		"ecosystem": "cargo", "name": "tracing", "source": "git",
		"url": "https://github.com/example/tracing", "pinned": true, "locked": true,
	}))
	findings := _findings([item], "TMS-DEP-001")
	count(findings) == 1
	some f in findings
	f.severity == "medium"
	f.surface == item.id
	f.location == item.location
	f.message == `cargo dependency "tracing" is fetched from a git repository (https://github.com/example/tracing)`
}

test_dep_001_plain_http_is_high if {
	item := _item("dependency:Gemfile#rails", _pypi({
		"ecosystem": "rubygems", "name": "rails", "url": "http://rubygems.org/",
		"pinned": true, "locked": true,
	}))
	{f.severity | some f in _findings([item], "TMS-DEP-001")} == {"high"}
}

test_dep_001_plain_http_git_is_high if {
	item := _item("dependency:requirements.txt#mylib", _pypi({
		"name": "mylib", "source": "git", "url": "http://git.example.com/mylib.git",
	}))
	{f.severity | some f in _findings([item], "TMS-DEP-001")} == {"high"}
}

test_dep_001_npm_http_spec_is_high if {
	item := _item("dependency:package.json#left-pad", {
		"ecosystem": "npm", "name": "left-pad", "version": "1.3.0",
		"constraint": "http://example.com/left-pad-1.3.0.tgz", "direct": true,
		"scope": "prod", "source": "url", "pinned": true, "hash": false, "integrity": false,
		"locked": true,
	})
	{f.severity | some f in _findings([item], "TMS-DEP-001")} == {"high"}
}

test_dep_001_path_outside_repository_is_medium if {
	item := _item("dependency:pyproject.toml#shared", _pypi({"name": "shared", "source": "path"}))
	findings := _findings([item], "TMS-DEP-001")
	{f.severity | some f in findings} == {"medium"}
	{f.message | some f in findings} == {`pypi dependency "shared" is fetched from a local path`}
}

test_dep_001_go_path_replacement_inside_repository_is_low if {
	item := _item("dependency:go.mod#example.com/lib", {
		"ecosystem": "go", "name": "example.com/lib", "version": "v0.0.0", "direct": true,
		"constraint": "v0.0.0", "scope": "prod", "locked": true,
		"source": "path", "replaced_by": "./lib", "pinned": true, "hash": false,
	})
	{f.severity | some f in _findings([item], "TMS-DEP-001")} == {"low"}
}

test_dep_001_registry_over_https_passes if {
	item := _item("dependency:composer.json#monolog/monolog", _pypi({
		"ecosystem": "packagist", "name": "monolog/monolog",
		"url": "https://api.github.com/repos/Seldaek/monolog/zipball/f4393b6",
		"pinned": true, "locked": true,
	}))
	count(_findings([item], "TMS-DEP-001")) == 0
}

# The finding stays once the model lists the dependency: being seen does
# not answer it. Listed unreviewed, it is backlog and weighs less than a new
# one; marked reviewed, it counts in full until a mitigation or acceptance.
_plain_http_gem := _item("dependency:Gemfile#rails", _pypi({
	"ecosystem": "rubygems", "name": "rails", "url": "http://rubygems.org/",
	"pinned": true, "locked": true,
}))

_dep_001_with_model(entries, base) := {f |
	doc := object.union(_input([_plain_http_gem]), {
		"model": {"surface": entries},
		"base": {"model": {"surface": base}},
	})
	some f in dependencies.deny with input as doc
	f.rule == "TMS-DEP-001"
}

test_dep_001_listed_unreviewed_is_backlog if {
	entry := {"id": _plain_http_gem.id, "kind": "dependency", "status": "unreviewed"}
	findings := _dep_001_with_model([entry], [])
	{[f.severity, f.backlog] | some f in findings} == {["medium", true]}
}

test_dep_001_reviewed_counts_in_full if {
	entry := {"id": _plain_http_gem.id, "kind": "dependency", "status": "reviewed"}
	findings := _dep_001_with_model([entry], [])
	{[f.severity, f.backlog] | some f in findings} == {["high", false]}
}

test_dep_001_added_by_the_change_counts_in_full if {
	entry := {"id": _plain_http_gem.id, "kind": "dependency", "status": "unreviewed"}
	other := {"id": "dependency:Gemfile#rack", "kind": "dependency", "status": "unreviewed"}
	findings := _dep_001_with_model([entry, other], [other])
	{[f.severity, f.backlog] | some f in findings} == {["high", false]}
}

test_dep_001_mitigated_passes if {
	item := _item("dependency:Cargo.toml#tracing", _pypi({"name": "tracing", "source": "git"}))
	doc := object.union(_input([item]), {
		"model": {"threats": [{"id": "T-1", "stride": ["spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service", "elevation_of_privilege"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}], "acceptances": []},
		"coverage": {item.id: {"mitigations": ["M-1"], "threats": []}},
	})
	count({f | some f in dependencies.deny with input as doc; f.rule == "TMS-DEP-001"}) == 0
}

test_dep_001_accepted_passes if {
	item := _item("dependency:Cargo.toml#tracing", _pypi({"name": "tracing", "source": "git"}))
	doc := object.union(_input([item]), {"model": {"mitigations": [], "acceptances": [{
		"id": "A-1", "surface": item.id, "approved_by": "alice", "expires": "2026-12-31",
	}]}})
	count({f | some f in dependencies.deny with input as doc; f.rule == "TMS-DEP-001"}) == 0
}

test_dep_002_unpinned_without_lockfile_is_low if {
	item := _item("dependency:requirements.txt#flask", _pypi({}))
	findings := _findings([item], "TMS-DEP-002")
	count(findings) == 1
	some f in findings
	f.severity == "low"
	f.subject == item.id
	f.message == `pypi dependency "flask" is not pinned (">=3") and no lockfile fixes its version`
}

test_dep_002_pinned_passes if {
	item := _item("dependency:requirements.txt#flask", _pypi({"constraint": "==3.0.3", "pinned": true}))
	count(_findings([item], "TMS-DEP-002")) == 0
}

test_dep_002_locked_passes if {
	item := _item("dependency:pyproject.toml#flask", _pypi({"locked": true}))
	count(_findings([item], "TMS-DEP-002")) == 0
}

test_dep_002_transitive_passes if {
	item := _item("dependency:requirements.txt#flask", _pypi({"direct": false}))
	count(_findings([item], "TMS-DEP-002")) == 0
}

test_dep_002_path_is_left_to_dep_001 if {
	item := _item("dependency:requirements.txt#./lib", _pypi({"name": "./lib", "source": "path"}))
	count(_findings([item], "TMS-DEP-002")) == 0
}

test_dep_002_git_is_left_to_dep_001 if {
	item := _item("dependency:requirements.txt#tool", _pypi({
		"name": "tool", "source": "git", "constraint": "git+https://github.com/example/tool",
		"url": "https://github.com/example/tool",
	}))
	count(_findings([item], "TMS-DEP-001")) == 1
	count(_findings([item], "TMS-DEP-002")) == 0
}

test_dep_002_plain_http_url_is_left_to_dep_001 if {
	item := _item("dependency:requirements.txt#pkg", _pypi({
		"name": "pkg", "source": "url", "constraint": "", "url": "http://example.com/pkg-1.0.tar.gz",
	}))
	count(_findings([item], "TMS-DEP-001")) == 1
	count(_findings([item], "TMS-DEP-002")) == 0
}

test_dep_002_npm_http_spec_is_left_to_dep_001 if {
	item := _item("dependency:package.json#pkg", _pypi({
		"ecosystem": "npm", "name": "pkg", "source": "url", "url": "",
		"constraint": "http://example.com/pkg-1.0.tgz",
	}))
	count(_findings([item], "TMS-DEP-001")) == 1
	count(_findings([item], "TMS-DEP-002")) == 0
}

# An archive over https is no TMS-DEP-001 finding, so TMS-DEP-002 still says
# that nothing fixes what the URL serves.
test_dep_002_https_archive_is_reported if {
	item := _item("dependency:requirements.txt#pkg", _pypi({
		"name": "pkg", "source": "url", "constraint": "", "url": "https://example.com/pkg.tar.gz",
	}))
	count(_findings([item], "TMS-DEP-001")) == 0
	count(_findings([item], "TMS-DEP-002")) == 1
}

test_dep_002_without_locked_attribute_is_not_reported if {
	item := _item("dependency:package.json#react", {
		"ecosystem": "npm", "name": "react", "version": "", "constraint": "^19.0.0",
		"direct": true, "scope": "prod", "source": "registry", "pinned": false,
		"integrity": false,
	})
	count(dependencies.deny) == 0 with input as _input([item])
}

test_dep_002_answered_passes if {
	item := _item("dependency:requirements.txt#flask", _pypi({}))
	doc := object.union(_input([item]), {"model": {"mitigations": [], "acceptances": [{
		"id": "A-1", "surface": item.id, "approved_by": "alice", "expires": "2026-12-31",
	}]}})
	count(dependencies.deny) == 0 with input as doc
}

test_other_kinds_are_ignored if {
	item := object.union(_item("container.base:Dockerfile#golang", _pypi({"source": "git"})), {"kind": "container.base"})
	count(dependencies.deny) == 0 with input as _input([item])
}

test_missing_input_yields_nothing if {
	count(dependencies.deny) == 0 with input as {}
}

test_dep_002_unresolved_version_is_not_reported if {
	item := _item("dependency:pom.xml#org.example:lib", _pypi({"unresolved": true}))
	count(_findings([item], "TMS-DEP-002")) == 0
}

test_dep_002_managed_version_is_not_reported if {
	item := _item("dependency:pom.xml#org.example:lib", _pypi({"managed": true}))
	count(_findings([item], "TMS-DEP-002")) == 0
}
