package tms.rules.secrets_test

import data.tms.rules.secrets

_secret(path, type) := {
	"id": concat("", ["secret.file:", path]),
	"kind": "secret.file",
	"name": "a credential",
	"exposure": "unknown",
	"attributes": {"type": type},
	"location": {"path": path, "line": 1},
}

_input(surface) := {
	"surface": surface,
	"model": {"mitigations": [], "acceptances": []},
	"coverage": {},
	"config": {"today": "2026-06-01"},
}

test_private_key_is_critical if {
	findings := secrets.deny with input as _input([_secret("deploy/id_rsa", "private_key")])
	some f in findings
	f.rule == "TMS-SECRET-001"
	f.severity == "critical"
	f.message == "deploy/id_rsa is committed and holds a credential of type private_key"
	f.location == {"path": "deploy/id_rsa", "line": 1}
}

test_cloud_credentials_are_critical if {
	surface := [_secret("ops/.aws/credentials", "aws_credentials"), _secret("k/config", "kubeconfig")]
	findings := secrets.deny with input as _input(surface)
	{f.severity | some f in findings} == {"critical"}
	count(findings) == 2
}

test_dotenv_is_high if {
	findings := secrets.deny with input as _input([_secret(".env", "dotenv")])
	{f.severity | some f in findings} == {"high"}
}

test_accepted_fixture_passes if {
	doc := object.union(_input([_secret("testdata/key.pem", "private_key")]), {"model": {
		"mitigations": [],
		"acceptances": [{
			"id": "A-1", "surface": "secret.file:testdata/key.pem",
			"approved_by": "alice", "expires": "2026-12-31",
		}],
	}})
	count(secrets.deny) == 0 with input as doc
}

test_other_kinds_pass if {
	item := object.union(_secret(".env", "dotenv"), {"kind": "dependency"})
	count(secrets.deny) == 0 with input as _input([item])
}

test_missing_input_yields_nothing if {
	count(secrets.deny) == 0 with input as {}
}
