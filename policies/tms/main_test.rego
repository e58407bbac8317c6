package tms.main_test

import data.tms.main

test_findings_collect_every_rule_package if {
	doc := {
		"surface": [{
			"id": "container.port:Dockerfile#80/tcp", "kind": "container.port", "name": "port 80",
			"exposure": "public", "attributes": {}, "location": {"path": "Dockerfile", "line": 3},
		}],
		"repo": {"diagnostics": [], "evidence": {"auth.go": []}},
		"model": {
			"surface": [],
			"threats": [],
			"mitigations": [{
				"id": "M-1", "title": "auth", "mitigates": [], "evidence": ["auth.go"], "status": "implemented",
				"location": {"path": "threat-model.yaml", "line": 9},
			}],
			"acceptances": [],
		},
		"config": {"today": "2026-01-01"},
	}
	rules := {f.rule | some f in main.findings} with input as doc

	# Other packages may report on this input too; these two must be there.
	{"TMS-SURFACE-001", "TMS-MITIGATION-001"} - rules == set()
}

test_no_input_no_findings if {
	count(main.findings) == 0 with input as {}
}
