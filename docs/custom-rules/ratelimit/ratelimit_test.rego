package tms.rules.payments_test

import data.tms.rules.payments

_port := {
	"id": "container.port:api/Dockerfile#8080/tcp",
	"kind": "container.port",
	"name": "port 8080/tcp of api/Dockerfile",
	"exposure": "unknown",
	"attributes": {},
	"location": {"path": "api/Dockerfile", "line": 4},
}

_model(status) := {
	"threats": [{"id": "T-1", "stride": ["denial_of_service"]}],
	"mitigations": [{"id": "M-1", "mitigates": ["T-1"], "status": status}],
}

_input(status) := {
	"surface": [_port],
	"model": _model(status),
	"coverage": {_port.id: {"mitigations": ["M-1"], "threats": ["T-1"]}},
}

test_deny_port_without_rate_limit if {
	findings := payments.deny with input as _input("planned")
	some finding in findings
	finding.rule == "PAY-RATE-001"
	finding.location.line == 4
}

test_allow_port_behind_rate_limit if {
	count(payments.deny) == 0 with input as _input("implemented")
}

test_allow_internal_port if {
	internal := object.union(_input("planned"), {"surface": [object.union(_port, {"exposure": "internal"})]})
	count(payments.deny) == 0 with input as internal
}

test_config_narrows_the_kinds if {
	count(payments.deny) == 0 with input as _input("planned")
		with data.tms.config.ratelimit.kinds as ["http.route"]
}

test_missing_input_yields_nothing if {
	count(payments.deny) == 0 with input as {}
}
