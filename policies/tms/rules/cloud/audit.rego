package tms.rules.cloud

import data.tms.lib

# Rules on what records actions taken in the cloud. The helpers they share
# are in cloud.rego.

# Resources that record the API calls of an AWS account.
_trail_types := {"aws_cloudtrail", "AWS::CloudTrail::Trail"}

_has_trail if {
	some item in input.surface
	item.kind in _resource_kinds
	item.attributes.type in _trail_types
}

# The Terraform directories that create AWS resources.
_aws_resource_dirs := {_scope(item) |
	some item in input.surface
	item.kind == "terraform.resource"
	startswith(item.attributes.type, "aws_")
}

# The AWS providers by directory, in one pass over the surface.
_aws_providers := {[_scope(item), item.id] |
	some item in input.surface
	item.kind == "terraform.provider"
	item.attributes.name == "aws"
}

# One AWS provider per directory that creates AWS resources, the first by
# id, so that a provider declared in several files or with aliases is
# reported once. There are few providers, so the scan per directory is cheap.
_aws_provider_ids := {dir: min(ids) |
	some [dir, _] in _aws_providers
	dir in _aws_resource_dirs
	ids := {id | some [other, id] in _aws_providers; other == dir}
}

# METADATA
# title: AWS configuration without CloudTrail
# description: |
#   Terraform creates AWS resources, and no aws_cloudtrail resource (nor a
#   CloudFormation AWS::CloudTrail::Trail) anywhere in the repository records
#   the API calls made against them. Without a trail, who changed or read
#   what cannot be established afterwards. Many organisations keep an
#   organisation trail in another repository: say so in the threat model
#   with a mitigation covering the provider, and the finding goes. A low
#   impact, reported once per Terraform directory, at its AWS provider.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html
#     description: "AWS CloudTrail User Guide"
#   - ref: https://cwe.mitre.org/data/definitions/778.html
#     description: "CWE-778: Insufficient Logging"
#   - ref: https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/
#     description: "OWASP Top 10 2021, A09: Security Logging and Monitoring Failures"
# custom:
#   id: TMS-CLOUD-010
#   severity: low
#   stride:
#     - repudiation
#   remediation: |
#     Add an aws_cloudtrail resource (multi-region, with log file
#     validation, to a bucket other accounts cannot alter), or record the
#     organisation trail that covers this account as an implemented
#     mitigation covering the provider item.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.item_risk(item, "low"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s creates AWS resources in %s, and no CloudTrail trail in the repository records their API calls", [item.name, dir]),
	"location": item.location,
}) if {
	not _has_trail
	some dir, id in _aws_provider_ids
	item := lib.items_by_id[id]
	not lib.answered(rego.metadata.rule(), id)
}
