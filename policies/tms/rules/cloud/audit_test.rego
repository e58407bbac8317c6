package tms.rules.cloud_test

import data.tms.rules.cloud

_provider_item(path, name, alias) := {
	"id": sprintf("terraform.provider:%s#%s%s", [path, name, alias]),
	"kind": "terraform.provider",
	"name": sprintf("provider %s", [name]),
	"exposure": "internal",
	"attributes": {"name": name, "alias": alias, "source": "hashicorp/aws", "version": "", "pinned": false, "locked": false},
	"location": {"path": path, "line": 1},
}

_bucket := _tf("infra/s3.tf#aws_s3_bucket.logs", {"type": "aws_s3_bucket", "name": "logs"})

_trail := _tf("infra/audit.tf#aws_cloudtrail.main", {"type": "aws_cloudtrail", "name": "main"})

test_aws_resources_without_trail_are_reported_once_per_directory if {
	surface := [_bucket, _provider_item("infra/providers.tf", "aws", ""), _provider_item("infra/providers.tf", "aws", ".west")]
	findings := {[f.severity, f.subject, f.message] | some f in cloud.deny with input as _input(surface); f.rule == "TMS-CLOUD-010"}
	findings == {[
		"low", "terraform.provider:infra/providers.tf#aws",
		"provider aws creates AWS resources in infra, and no CloudTrail trail in the repository records their API calls",
	]}
}

test_each_directory_is_reported_at_its_own_provider if {
	other_bucket := _tf("lab/s3.tf#aws_s3_bucket.data", {"type": "aws_s3_bucket", "name": "data"})
	surface := [_bucket, other_bucket, _provider_item("infra/providers.tf", "aws", ""), _provider_item("lab/main.tf", "aws", "")]
	findings := cloud.deny with input as _input(surface)
	{f.subject | some f in findings; f.rule == "TMS-CLOUD-010"} == {
		"terraform.provider:infra/providers.tf#aws",
		"terraform.provider:lab/main.tf#aws",
	}
}

test_trail_anywhere_in_the_repository_passes if {
	surface := [_bucket, _provider_item("infra/providers.tf", "aws", ""), object.union(_trail, {"location": {"path": "audit/main.tf"}})]
	count(_findings(surface, "TMS-CLOUD-010")) == 0
	cfn_trail := _cfn("org.yaml#Trail", {"type": "AWS::CloudTrail::Trail"})
	count(_findings([_bucket, _provider_item("infra/providers.tf", "aws", ""), cfn_trail], "TMS-CLOUD-010")) == 0
}

test_provider_without_aws_resources_or_other_cloud_passes if {
	gcp := _tf("gcp/main.tf#google_storage_bucket.x", {"type": "google_storage_bucket", "name": "x"})
	surface := [gcp, _provider_item("gcp/providers.tf", "google", ""), _provider_item("other/providers.tf", "aws", "")]
	count(_findings(surface, "TMS-CLOUD-010")) == 0
}

test_aws_without_trail_accepted_passes if {
	provider := _provider_item("infra/providers.tf", "aws", "")
	doc := object.union(_input([_bucket, provider]), {"model": {"acceptances": [
		{"id": "A-1", "surface": provider.id, "approved_by": "ann", "expires": "2026-12-31"},
	]}})
	count([f | some f in cloud.deny with input as doc; f.rule == "TMS-CLOUD-010"]) == 0
}
