package tms.rules.helm_test

import data.tms.rules.helm

_dependency(attrs) := {
	"id": "helm.dependency:charts/shop/Chart.yaml#redis",
	"kind": "helm.dependency",
	"name": "redis",
	"exposure": "internal",
	"attributes": object.union(
		{
			"name": "redis", "chart": "shop", "version": "18.1.2", "pinned": true,
			"repository": "https://charts.example.com", "source": "repository",
		},
		attrs,
	),
	"location": {"path": "charts/shop/Chart.yaml", "line": 9},
}

_input(surface) := {
	"surface": surface,
	"coverage": {},
	"model": {"surface": [], "threats": [], "mitigations": [], "acceptances": []},
	"config": {"today": "2026-06-01"},
}

_accepted(surface) := object.union(_input(surface), {"model": {"acceptances": [
{"id": "A-1", "surface": item.id, "approved_by": "ann", "expires": "2026-12-31"} |
	some item in surface
]}})

_findings(doc, rule) := {[f.severity, f.message, f.location.line] |
	some f in helm.deny with input as doc
	f.rule == rule
}

test_dependency_over_plain_http_is_high if {
	plain := _dependency({"repository": "http://charts.example.com"})
	_findings(_input([plain]), "TMS-HELM-001") == {[
		"high", "chart shop depends on redis from http://charts.example.com over plain HTTP", 9,
	]}
}

test_dependency_over_https_oci_or_vendored_passes if {
	oci := _dependency({"repository": "oci://registry.example.com/charts", "source": "oci"})
	vendored := _dependency({"repository": "", "source": "vendored"})
	surface := [_dependency({}), oci, vendored]
	count(_findings(_input(surface), "TMS-HELM-001")) == 0
}

test_dependency_over_plain_http_accepted_passes if {
	plain := _dependency({"repository": "http://charts.example.com"})
	count(_findings(_accepted([plain]), "TMS-HELM-001")) == 0
}

test_unpinned_dependency_is_low if {
	ranged := _dependency({"version": "~18.1.0", "pinned": false})
	_findings(_input([ranged]), "TMS-HELM-002") == {[
		"low", `chart shop depends on redis at "~18.1.0", which is not one release`, 9,
	]}
	oci := _dependency({"version": "18.x", "pinned": false, "source": "oci"})
	count(_findings(_input([oci]), "TMS-HELM-002")) == 1
}

test_pinned_or_local_dependency_passes if {
	local := _dependency({"version": "", "pinned": false, "source": "local", "repository": "file://../common"})
	surface := [_dependency({}), local]
	count(_findings(_input(surface), "TMS-HELM-002")) == 0
	ranged := _dependency({"version": "^18", "pinned": false})
	count(_findings(_accepted([ranged]), "TMS-HELM-002")) == 0
}

test_helm_missing_input_yields_nothing if {
	count(helm.deny) == 0 with input as {}
	bare := object.union(_dependency({}), {"attributes": {}})
	count(helm.deny) == 0 with input as _input([json.remove(bare, ["attributes"])])
}
