package tms.rules.acme_test

import data.tms.rules.acme

dep(name) := {
	"id": sprintf("dependency:go.mod#%s", [name]), "kind": "dependency", "name": name,
	"attributes": {}, "location": {"path": "go.mod", "line": 3},
}

test_deny_banned if {
	some f in acme.deny with input as {"surface": [dep("left-pad")]}
	f.rule == "ACME-DEP-001"
}

test_allow_others if {
	rules := {f.rule | some f in acme.deny} with input as {"surface": [dep("lodash")]}
	rules == {"ACME-DEP-002"}
}
