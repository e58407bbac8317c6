package tms.rules.cloud

import data.tms.lib

# Rules on what cloud resources allow once reached: encryption at rest,
# privileges, authentication and the provenance of modules. The helpers
# they share are in cloud.rego.

# METADATA
# title: Storage not encrypted at rest
# description: |
#   A database, volume, file system or cache states that its storage is not
#   encrypted, or leaves it at the provider's unencrypted default. A high
#   impact on the resource's exposure: high when it is public or of unknown
#   exposure, medium when internal; one step lower when the setting is
#   unknown.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/311.html
#     description: "CWE-311: Missing Encryption of Sensitive Data"
#   - ref: https://owasp.org/Top10/A02_2021-Cryptographic_Failures/
#     description: "OWASP Top 10 2021, A02: Cryptographic Failures"
# custom:
#   id: TMS-CLOUD-005
#   severity: medium
#   stride:
#     - information_disclosure
#   remediation: |
#     Turn on encryption at rest (storage_encrypted, encrypted,
#     StorageEncrypted), preferably with a customer-managed KMS key.
#     Existing storage must be copied to an encrypted volume or snapshot.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": _sure(state, lib.item_risk(item, "high")),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %sunencrypted at rest", [
		item.name,
		_maybe_not(state),
	]),
	"location": item.location,
}) if {
	some item in _open(rego.metadata.rule(), _resource_kinds)
	state := item.attributes.encrypted
	state != true
}

_maybe_not(state) := "" if state == false

_maybe_not(state) := "may be " if state == "unknown"

# METADATA
# title: IAM policy with wildcards
# description: |
#   A policy allows every action of a service ("*", "s3:*"), every resource
#   ("*"), or uses NotAction or NotResource; a role or user gets AWS's
#   AdministratorAccess; a Google member gets roles/owner or roles/editor;
#   an Azure role definition allows "*". A high impact on the resource's
#   exposure. A medium impact when the policy names every action it allows
#   and only its resources are "*" (or NotResource): many actions, such as
#   ec2:Describe* or logs:CreateLogGroup, accept no narrower resource, so
#   this grants far less than an action wildcard. One step lower again when
#   part of the policy is unknown.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/269.html
#     description: "CWE-269: Improper Privilege Management"
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: "AWS IAM best practices: apply least-privilege permissions"
# custom:
#   id: TMS-CLOUD-006
#   severity: high
#   stride:
#     - elevation_of_privilege
#   remediation: |
#     Name the actions and resources the workload needs, for example with
#     IAM Access Analyzer's policy generation, and replace basic or
#     administrator roles with predefined or custom roles.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": _sure(state, lib.item_risk(item, _wildcard_impact(item))),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %s", [item.name, _wildcard_text(item, state)]),
	"location": lib.fact_location(item, ["iam_wildcard"]),
}) if {
	some item in _open(rego.metadata.rule(), _policy_kinds)
	state := item.attributes.iam_wildcard
	state != false
}

# Only an extractor that reads the statements knows the actions are named;
# without iam_wildcard_actions the wildcard may reach them.
_resources_only(item) if item.attributes.iam_wildcard_actions == false

_wildcard_impact(item) := "medium" if {
	_resources_only(item)
} else := "high"

_wildcard_text(item, state) := sprintf("%s its named actions on every resource", [verb]) if {
	_resources_only(item)
	verb := {true: "allows", "unknown": "may allow"}[state]
} else := sprintf("%s wildcard permissions", [verb]) if {
	verb := {true: "grants", "unknown": "may grant"}[state]
}

# METADATA
# title: API endpoint without authentication
# description: |
#   An API Gateway method or route, or a Lambda function URL, has
#   authorization NONE: anyone who finds the URL can call it. CORS
#   preflight methods (OPTIONS) are left out, as browsers send them without
#   credentials. A high impact on the resource's exposure: high when public
#   or unknown, medium when internal (a private API); one step lower when
#   the authorization type is unknown.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/306.html
#     description: "CWE-306: Missing Authentication for Critical Function"
#   - ref: https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/
#     description: "OWASP API Security Top 10 2023, API2: Broken Authentication"
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
#     description: Lambda function URL authentication
# custom:
#   id: TMS-CLOUD-007
#   severity: high
#   stride:
#     - spoofing
#   remediation: |
#     Set an authorizer (AWS_IAM, Cognito, JWT or a Lambda authorizer) on the
#     method, route or function URL. If it is public on purpose, record an
#     acceptance or a mitigation that covers it.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": _sure(state, lib.item_risk(item, "high")),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %scallable without authentication", [item.name, _maybe(state)]),
	"location": item.location,
}) if {
	some item in _open(rego.metadata.rule(), _resource_kinds)
	state := item.attributes.unauthenticated
	state != false
	object.get(item.attributes, "http_method", "") != "OPTIONS"
}

# METADATA
# title: Terraform module not pinned
# description: |
#   A module is fetched from a registry without an exact version, from git
#   without a full commit in ref (tags and branches move), or from another
#   remote source; whoever controls the source can change what is applied.
#   Local modules are part of the repository and are not reported. Low.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/829.html
#     description: "CWE-829: Inclusion of Functionality from Untrusted Control Sphere"
#   - ref: https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/
#     description: "OWASP Top 10 2021, A08: Software and Data Integrity Failures"
#   - ref: https://developer.hashicorp.com/terraform/language/modules/sources
#     description: Terraform module sources
# custom:
#   id: TMS-CLOUD-008
#   severity: low
#   stride:
#     - tampering
#   remediation: |
#     Pin registry modules to an exact version and git modules to a full
#     commit hash (?ref=<40 hex digits>), and update them deliberately.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s is fetched from %q without a fixed version", [item.name, item.attributes.source]),
	"location": item.location,
}) if {
	some item in _open(rego.metadata.rule(), {"terraform.module"})
	item.attributes.pinned == false
	item.attributes.local != true
}

# METADATA
# title: Terraform provider not pinned
# description: |
#   A provider that no exact version in required_providers fixes and no
#   committed lock file (.terraform.lock.hcl) beside the configuration
#   records: the next terraform init may install another release, and the
#   provider's code runs with the credentials that apply the configuration.
#   The files of one directory are one module, so an exact version or a
#   constraint in versions.tf counts for the provider block in providers.tf,
#   and the finding is reported once, where the constraint is. Low.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/494.html
#     description: "CWE-494: Download of Code Without Integrity Check"
#   - ref: https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/
#     description: "OWASP Top 10 2021, A08: Software and Data Integrity Failures"
#   - ref: https://developer.hashicorp.com/terraform/language/files/dependency-lock
#     description: Terraform dependency lock file
# custom:
#   id: TMS-CLOUD-009
#   severity: low
#   stride:
#     - tampering
#   remediation: |
#     Commit the .terraform.lock.hcl that terraform init writes (run
#     terraform providers lock for each platform that applies the
#     configuration), or require an exact version in required_providers,
#     and update it deliberately.
deny contains lib.finding(rego.metadata.rule(), {
	"surface": item.id,
	"subject": item.id,
	"message": _provider_message(item),
	"location": item.location,
}) if {
	some item in _open(rego.metadata.rule(), {"terraform.provider"})
	item.attributes.pinned == false
	object.get(item.attributes, "locked", false) == false
	key := _provider_key(item)
	not key in _fixed_providers
	not _constrained_elsewhere(item, key)
}

_provider_key(item) := [_scope(item), item.attributes.name]

# Providers of a module that an exact version or the lock file fixes.
_fixed_providers contains _provider_key(item) if {
	some item in input.surface
	item.kind == "terraform.provider"
	some fact in ["pinned", "locked"]
	item.attributes[fact] == true
}

_constrained_providers contains _provider_key(item) if {
	some item in input.surface
	item.kind == "terraform.provider"
	item.attributes.version != ""
}

# A provider block without a version, in a module whose required_providers
# constrain it, is reported where the constraint is.
_constrained_elsewhere(item, key) if {
	item.attributes.version == ""
	key in _constrained_providers
}

_provider_message(item) := sprintf("%s has no version constraint and no lock file", [item.name]) if {
	item.attributes.version == ""
} else := sprintf("%s accepts any version matching %q and has no lock file", [item.name, item.attributes.version])
