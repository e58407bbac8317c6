# METADATA
# title: Credentials committed to the repository
# description: |
#   A credential in a repository is readable by everyone who can clone it,
#   today and in every copy and fork of its history.
package tms.rules.secrets

import data.tms.lib

# Types that give direct access to servers, signing or cloud accounts.
_critical_types := {
	"private_key", "key_store", "aws_credentials", "gcp_service_account",
	"azure_publish_settings", "kubeconfig",
}

# METADATA
# title: Credential file committed
# description: |
#   A file that holds a credential is committed: a private key or key store,
#   a dotenv file, a cloud, registry or package-index credential file, or a
#   kubeconfig. Critical for private keys and cloud credentials (AWS, Google
#   Cloud, Azure, Kubernetes), which give direct access to servers and
#   accounts; high for the other types. The finding names the path and the
#   type of credential only.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/798.html
#     description: "CWE-798: Use of Hard-coded Credentials"
#   - ref: https://cwe.mitre.org/data/definitions/540.html
#     description: "CWE-540: Inclusion of Sensitive Information in Source Code"
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-06-Insufficient-Credential-Hygiene
#     description: "OWASP CI/CD Top 10, CICD-SEC-6: Insufficient Credential Hygiene"
#   - ref: https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret
#     description: "GitHub Docs: remediating a leaked secret"
# custom:
#   id: TMS-SECRET-001
#   severity: critical
#   stride:
#     - information_disclosure
#   remediation: |
#     Revoke and rotate the credential first: removing the file does not
#     remove it from history. Then delete the file, add its name to
#     .gitignore, and load the credential from a secret store or CI secret.
#     A test fixture that holds no live credential can be recorded as an
#     acceptance in the threat model.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, _impact(item.attributes.type)),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s is committed and holds a credential of type %s", [item.location.path, item.attributes.type]),
	"location": item.location,
}) if {
	some item in input.surface
	item.kind == "secret.file"
	not lib.answered(rego.metadata.rule(), item.id)
}

_impact(type) := "critical" if type in _critical_types

_impact(type) := "high" if not type in _critical_types
