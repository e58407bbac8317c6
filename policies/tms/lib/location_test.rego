package tms.lib_test

import data.tms.lib

_pod := {
	"location": {"path": "k8s/pod.yaml", "line": 1},
	"attributes": {"lines": {"privileged": 13, "host_pid": 9, "run_as_root": 11}},
}

test_fact_location_is_the_earliest_named_line if {
	lib.fact_location(_pod, ["privileged", "host_pid"]) == {"path": "k8s/pod.yaml", "line": 9}
	lib.fact_location(_pod, ["privileged"]) == {"path": "k8s/pod.yaml", "line": 13}
}

test_fact_location_falls_back_to_the_item if {
	lib.fact_location(_pod, ["host_network"]) == _pod.location
	lib.fact_location(_pod, []) == _pod.location
}

test_fact_location_without_lines_is_the_item if {
	item := {"location": {"path": "main.tf", "line": 4}, "attributes": {}}
	lib.fact_location(item, ["public_acl"]) == item.location
}

test_fact_location_ignores_lines_that_are_not_numbers if {
	item := {"location": {"path": "main.tf", "line": 4}, "attributes": {"lines": {"public_acl": "7"}}}
	lib.fact_location(item, ["public_acl"]) == item.location
}
