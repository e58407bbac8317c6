package tms.rules.cloud_test

import data.tms.rules.cloud

_item(kind, id, exposure, attributes) := {
	"id": sprintf("%s:%s", [kind, id]),
	"kind": kind,
	"name": id,
	"exposure": exposure,
	"attributes": attributes,
	"location": {"path": split(id, "#")[0], "line": 3},
}

_tf(id, attributes) := _item("terraform.resource", id, "unknown", attributes)

_cfn(id, attributes) := _item("cloudformation.resource", id, "unknown", attributes)

_input(surface) := {
	"surface": surface,
	"coverage": {},
	"model": {"surface": [], "mitigations": [], "acceptances": []},
	"config": {"today": "2026-06-01"},
}

# _findings returns the rule and severity of each finding, by item name.
_findings(surface, rule) := {[f.subject, f.severity] |
	some f in cloud.deny with input as _input(surface)
	f.rule == rule
}

_acl := _tf("s3/main.tf#aws_s3_bucket_acl.site", {
	"type": "aws_s3_bucket_acl", "name": "site",
	"bucket": "aws_s3_bucket.site", "public_acl": true,
})

_block(flags) := _tf("s3/main.tf#aws_s3_bucket_public_access_block.site", {
	"type": "aws_s3_bucket_public_access_block", "name": "site",
	"bucket": "aws_s3_bucket.site", "public_access_block": flags,
})

test_public_bucket_acl_is_high if {
	_findings([_acl], "TMS-CLOUD-001") == {[_acl.id, "high"]}
}

# An ACL tms cannot read is unknown reach, which the model ranks as public.
test_public_bucket_unknown_acl_is_high if {
	acl := object.union(_acl, {"attributes": {"public_acl": "unknown"}})
	_findings([acl], "TMS-CLOUD-001") == {[acl.id, "high"]}
}

test_public_bucket_blocked_by_access_block_passes if {
	block := _block({"block_public_acls": true, "ignore_public_acls": false})
	count(_findings([_acl, block], "TMS-CLOUD-001")) == 0
}

test_public_bucket_access_block_of_other_directory_does_not_count if {
	block := object.union(_block({"block_public_acls": true}), {"location": {"path": "other/main.tf", "line": 1}})
	_findings([_acl, block], "TMS-CLOUD-001") == {[_acl.id, "high"]}
}

test_public_bucket_policy_document_is_followed if {
	policy := _tf("s3/main.tf#aws_s3_bucket_policy.site", {
		"type": "aws_s3_bucket_policy", "name": "site", "bucket": "aws_s3_bucket.site",
		"policy_document": "data.aws_iam_policy_document.site",
	})
	doc := _item("terraform.data", "s3/iam.tf#aws_iam_policy_document.site", "unknown", {
		"type": "aws_iam_policy_document", "name": "site", "public_policy": true, "iam_wildcard": false,
	})
	_findings([policy, doc], "TMS-CLOUD-001") == {[policy.id, "high"]}
	count(_findings([policy, doc, _block({"restrict_public_buckets": true})], "TMS-CLOUD-001")) == 0
}

test_public_bucket_cloudformation_own_block_passes if {
	bucket := _cfn("t.yaml#Site", {
		"type": "AWS::S3::Bucket", "logical_id": "Site", "public_acl": true,
		"public_access_block": {"block_public_acls": true},
	})
	count(_findings([bucket], "TMS-CLOUD-001")) == 0
	open := object.union(bucket, {"attributes": {"public_access_block": {"block_public_acls": false}}})
	_findings([open], "TMS-CLOUD-001") == {[open.id, "high"]}
}

test_public_bucket_private_acl_passes if {
	acl := object.union(_acl, {"attributes": {"public_acl": false}})
	count(_findings([acl], "TMS-CLOUD-001")) == 0
}

test_public_bucket_answered_passes if {
	doc := object.union(_input([_acl]), {
		"coverage": {_acl.id: {"mitigations": ["M-1"], "threats": []}},
		"model": {"threats": [{"id": "T-1", "stride": ["spoofing", "tampering", "repudiation", "information_disclosure", "denial_of_service", "elevation_of_privilege"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}]},
	})
	count(cloud.deny) == 0 with input as doc
}

_sg(rules) := _tf("net.tf#aws_security_group.web", {"open_ingress": rules})

_rule(cidr, from, to) := {"cidr": cidr, "from_port": from, "to_port": to, "protocol": "tcp"}

test_open_ingress_admin_port_is_critical if {
	_findings([_sg([_rule("0.0.0.0/0", 20, 25)])], "TMS-CLOUD-002") == {[_sg([]).id, "critical"]}
}

test_open_ingress_database_and_control_ports_are_critical if {
	every port in [21, 23, 445, 1521, 2375, 2376, 2379, 5601, 5900, 5984, 6443, 9042, 9200, 9300, 11211, 27018] {
		_findings([_sg([_rule("0.0.0.0/0", port, port)])], "TMS-CLOUD-002") == {[_sg([]).id, "critical"]}
	}
}

test_open_ingress_unknown_ports_are_critical if {
	_findings([_sg([_rule("::/0", "unknown", "unknown")])], "TMS-CLOUD-002") == {[_sg([]).id, "critical"]}
}

test_open_ingress_web_port_is_high if {
	_findings([_sg([_rule("0.0.0.0/0", 443, 443)])], "TMS-CLOUD-002") == {[_sg([]).id, "high"]}
}

test_open_ingress_icmp_is_high if {
	icmp := object.union(_rule("0.0.0.0/0", 0, 65535), {"protocol": "icmp"})
	_findings([_sg([icmp])], "TMS-CLOUD-002") == {[_sg([]).id, "high"]}
}

test_open_ingress_unknown_source_counts_as_public if {
	_findings([_sg([_rule("unknown", 22, 22)])], "TMS-CLOUD-002") == {[_sg([]).id, "critical"]}
	_findings([_sg([_rule("unknown", 443, 443)])], "TMS-CLOUD-002") == {[_sg([]).id, "high"]}
}

test_open_ingress_message_says_what_is_unknown if {
	dynamic := {"cidr": "unknown", "from_port": "unknown", "to_port": "unknown", "protocol": "unknown"}
	rules := [dynamic, _rule("unknown", 22, 22), _rule("::/0", "unknown", "unknown")]
	some f in cloud.deny with input as _input([_sg(rules)])
	f.message == concat("", [
		"net.tf#aws_security_group.web admits traffic from the internet: ",
		"::/0 tcp unknown ports, rules tms cannot read, unknown source tcp 22-22",
	])
}

test_open_ingress_none_passes if {
	count(_findings([_sg([])], "TMS-CLOUD-002")) == 0
}

test_open_ingress_message_lists_rules if {
	some f in cloud.deny with input as _input([_sg([_rule("0.0.0.0/0", 22, 22)])])
	f.message == "net.tf#aws_security_group.web admits traffic from the internet: 0.0.0.0/0 tcp 22-22"
	f.location == {"path": "net.tf", "line": 3}
}

test_public_database_by_state if {
	db := _cfn("t.yaml#Db", {"publicly_accessible": true})
	_findings([db], "TMS-CLOUD-003") == {[db.id, "critical"]}
	maybe := _tf("db.tf#aws_db_instance.x", {"publicly_accessible": "unknown"})
	_findings([maybe], "TMS-CLOUD-003") == {[maybe.id, "critical"]}
	private := _tf("db.tf#aws_db_instance.y", {"publicly_accessible": false})
	count(_findings([private], "TMS-CLOUD-003")) == 0
}

test_public_address_by_state if {
	lb := _tf("lb.tf#aws_lb.web", {"public_ip": true, "load_balancer": true})
	ip := _tf("ip.tf#aws_eip.nat", {"public_ip": "unknown"})
	internal := _tf("lb.tf#aws_lb.back", {"public_ip": false, "load_balancer": true})
	_findings([lb, ip, internal], "TMS-CLOUD-004") == {[lb.id, "medium"], [ip.id, "medium"]}
	messages := {f.message | some f in cloud.deny with input as _input([lb, ip])}
	messages == {"lb.tf#aws_lb.web faces the internet", "ip.tf#aws_eip.nat may have a public IP address"}
}

test_unencrypted_storage_by_exposure_and_state if {
	public := object.union(_tf("db.tf#aws_db_instance.a", {"encrypted": false}), {"exposure": "public"})
	unknown := _tf("db.tf#aws_db_instance.b", {"encrypted": false})
	internal := object.union(_tf("db.tf#aws_db_instance.c", {"encrypted": false}), {"exposure": "internal"})
	maybe := _cfn("t.yaml#Volume", {"encrypted": "unknown"})
	internal_maybe := object.union(_cfn("t.yaml#Cache", {"encrypted": "unknown"}), {"exposure": "internal"})
	encrypted := _cfn("t.yaml#Disk", {"encrypted": true})
	_findings([public, unknown, internal, maybe, internal_maybe, encrypted], "TMS-CLOUD-005") == {
		[public.id, "high"], [unknown.id, "high"], [internal.id, "medium"],
		[maybe.id, "medium"], [internal_maybe.id, "low"],
	}
}

test_iam_wildcard_by_state if {
	policy := _tf("iam.tf#aws_iam_policy.admin", {"iam_wildcard": true})
	doc := _item("terraform.data", "iam.tf#aws_iam_policy_document.x", "unknown", {"iam_wildcard": "unknown"})
	scoped := _cfn("t.yaml#Role", {"iam_wildcard": false})
	_findings([policy, doc, scoped], "TMS-CLOUD-006") == {[policy.id, "high"], [doc.id, "medium"]}
}

# Named actions on every resource rank one step below a wildcard action.
test_iam_wildcard_on_resources_only_is_lower if {
	actions := _tf("iam.tf#aws_iam_policy.admin", {"iam_wildcard": true, "iam_wildcard_actions": true})
	reads := _tf("iam.tf#aws_iam_policy.describe", {"iam_wildcard": true, "iam_wildcard_actions": false})
	maybe := _cfn("t.yaml#Logs", {"iam_wildcard": "unknown", "iam_wildcard_actions": false})
	either := _cfn("t.yaml#Either", {"iam_wildcard": true, "iam_wildcard_actions": "unknown"})
	_findings([actions, reads, maybe, either], "TMS-CLOUD-006") == {
		[actions.id, "high"], [reads.id, "medium"], [maybe.id, "low"], [either.id, "high"],
	}
	messages := {f.message | some f in cloud.deny with input as _input([actions, reads, maybe, either])}
	messages == {
		"iam.tf#aws_iam_policy.admin grants wildcard permissions",
		"iam.tf#aws_iam_policy.describe allows its named actions on every resource",
		"t.yaml#Logs may allow its named actions on every resource",
		"t.yaml#Either grants wildcard permissions",
	}
	unknown := _tf("iam.tf#aws_iam_policy.templated", {"iam_wildcard": "unknown"})
	{f.message | some f in cloud.deny with input as _input([unknown])} == {
		"iam.tf#aws_iam_policy.templated may grant wildcard permissions",
	}
}

test_unauthenticated_api_skips_preflight if {
	get := _cfn("t.yaml#Get", {"unauthenticated": true, "http_method": "GET"})
	preflight := _cfn("t.yaml#Options", {"unauthenticated": true, "http_method": "OPTIONS"})
	url := _tf("fn.tf#aws_lambda_function_url.x", {"unauthenticated": "unknown"})
	signed := _tf("fn.tf#aws_lambda_function_url.y", {"unauthenticated": false})
	private := object.union(_cfn("t.yaml#Private", {"unauthenticated": true}), {"exposure": "internal"})
	_findings([get, preflight, url, signed, private], "TMS-CLOUD-007") == {
		[get.id, "high"], [url.id, "medium"], [private.id, "medium"],
	}
}

test_unpinned_module_skips_pinned_and_local if {
	tagged := _item("terraform.module", "main.tf#cdn", "internal", {
		"source": "git::https://example.com/cdn.git?ref=v1", "pinned": false, "local": false,
	})
	pinned := _item("terraform.module", "main.tf#vpc", "internal", {
		"source": "terraform-aws-modules/vpc/aws", "pinned": true, "local": false,
	})
	outside := _item("terraform.module", "main.tf#up", "internal", {
		"source": "../shared", "pinned": false, "local": true,
	})
	_findings([tagged, pinned, outside], "TMS-CLOUD-008") == {[tagged.id, "low"]}
}

test_cloud_missing_input_yields_nothing if {
	count(cloud.deny) == 0 with input as {}
}

test_cloud_items_without_facts_yield_nothing if {
	plain := _tf("main.tf#aws_vpc.main", {"type": "aws_vpc", "name": "main"})
	count(cloud.deny) == 0 with input as _input([plain])
}

test_public_bucket_inline_policy_matches_its_own_block if {
	bucket := _tf("s3/main.tf#aws_s3_bucket.site", {"type": "aws_s3_bucket", "name": "site", "public_policy": true})
	_findings([bucket], "TMS-CLOUD-001") == {[bucket.id, "high"]}
	count(_findings([bucket, _block({"block_public_policy": true})], "TMS-CLOUD-001")) == 0
}

test_public_address_messages_follow_state if {
	lb := _tf("lb.tf#aws_lb.maybe", {"public_ip": "unknown", "load_balancer": true})
	ip := _tf("ip.tf#aws_eip.nat", {"public_ip": true})
	messages := {f.message | some f in cloud.deny with input as _input([lb, ip])}
	messages == {"lb.tf#aws_lb.maybe may face the internet", "ip.tf#aws_eip.nat has a public IP address"}
}

# _locations returns the location of each finding of a rule.
_locations(surface, rule) := {f.location |
	some f in cloud.deny with input as _input(surface)
	f.rule == rule
}

test_cloud_findings_are_reported_at_the_fact_line if {
	at := {"path": "s3/main.tf", "line": 7}
	every rule, attributes in {
		"TMS-CLOUD-001": {"public_acl": true, "lines": {"public_acl": 7}},
		"TMS-CLOUD-002": {"open_ingress": [{"cidr": "0.0.0.0/0", "protocol": "tcp", "from_port": 443, "to_port": 443}], "lines": {"open_ingress": 7}},
		"TMS-CLOUD-003": {"publicly_accessible": true, "lines": {"publicly_accessible": 7}},
		"TMS-CLOUD-004": {"public_ip": true, "load_balancer": true, "lines": {"public_ip": 7}},
		"TMS-CLOUD-006": {"iam_wildcard": true, "lines": {"iam_wildcard": 7}},
	} {
		item := _tf("s3/main.tf#aws_thing.x", object.union({"type": "aws_thing", "name": "x"}, attributes))
		_locations([item], rule) == {at}
	}
}

test_cloud_findings_without_lines_are_reported_at_the_item if {
	item := _tf("s3/main.tf#aws_lb.x", {"type": "aws_lb", "name": "x", "public_ip": true, "load_balancer": true})
	_locations([item], "TMS-CLOUD-004") == {item.location}
}

_provider(id, attributes) := _item("terraform.provider", id, "internal", object.union(
	{"name": split(id, "#")[1], "alias": "", "source": "", "version": "", "pinned": false, "locked": false},
	attributes,
))

test_unpinned_provider_without_constraint_or_lock if {
	bare := _provider("gcp/main.tf#google", {})
	ranged := _provider("aws/versions.tf#aws", {"version": ">= 5.0"})
	_findings([bare, ranged], "TMS-CLOUD-009") == {[bare.id, "low"], [ranged.id, "low"]}
	messages := {f.message | some f in cloud.deny with input as _input([bare, ranged])}
	messages == {
		"gcp/main.tf#google has no version constraint and no lock file",
		`aws/versions.tf#aws accepts any version matching ">= 5.0" and has no lock file`,
	}
}

test_unpinned_provider_is_reported_where_its_constraint_is if {
	block := _provider("aws/providers.tf#aws", {})
	ranged := _provider("aws/versions.tf#aws", {"version": ">= 5.0"})
	other_module := _provider("azure/versions.tf#aws", {"version": ">= 5.0"})
	_findings([block, ranged, other_module], "TMS-CLOUD-009") == {[ranged.id, "low"], [other_module.id, "low"]}
}

test_provider_pinned_or_locked_in_its_module_passes if {
	block := _provider("aws/providers.tf#aws", {})
	exact := _provider("aws/versions.tf#aws", {"version": "5.40.0", "pinned": true})
	locked := _provider("gcp/main.tf#google", {"version": "~> 5.0", "locked": true})
	count(_findings([block, exact, locked], "TMS-CLOUD-009")) == 0
}

test_provider_pinned_in_another_module_does_not_count if {
	block := _provider("aws/providers.tf#aws", {})
	exact := _provider("modules/net/versions.tf#aws", {"version": "5.40.0", "pinned": true})
	_findings([block, exact], "TMS-CLOUD-009") == {[block.id, "low"]}
}

test_unpinned_provider_answered_passes if {
	bare := _provider("gcp/main.tf#google", {})
	doc := object.union(_input([bare]), {
		"coverage": {bare.id: {"mitigations": ["M-1"], "threats": []}},
		"model": {"threats": [{"id": "T-1", "stride": ["tampering"]}], "mitigations": [{"id": "M-1", "status": "implemented", "mitigates": ["T-1"]}]},
	})
	count(cloud.deny) == 0 with input as doc
}

test_provider_without_pinning_facts_is_not_judged if {
	plain := _item("terraform.provider", "gcp/main.tf#google", "internal", {"name": "google", "version": ""})
	count(_findings([plain], "TMS-CLOUD-009")) == 0
}
