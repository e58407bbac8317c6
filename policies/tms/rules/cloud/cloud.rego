# METADATA
# title: Cloud infrastructure exposure
# description: |
#   Terraform and CloudFormation resources whose lifted facts make them
#   reachable or readable from the internet, unencrypted, over-privileged or
#   fetched from a moving source. The rules read the attribute names both
#   extractors share (docs/extractors/cloud.md), so one rule covers both.
#   Severity follows the severity model (policies/tms/lib/severity.rego).
#   A fact about reach (a public ACL, publicly_accessible, a public IP) that
#   is unknown, because it depends on a variable or an intrinsic function,
#   counts as unknown reach, which the model ranks as public. A fact about
#   the weakness itself (encryption, wildcard permissions, authorization)
#   that is unknown lowers the severity one step (lib.unresolved): tms
#   reports what it cannot rule out, but says it is unsure.
#   Items that an implemented mitigation covers or a valid acceptance names
#   are not reported.
package tms.rules.cloud

import data.tms.lib

_resource_kinds := {"terraform.resource", "cloudformation.resource"}

_policy_kinds := {"terraform.resource", "terraform.data", "cloudformation.resource"}

# _open lists the items of the given kinds that nobody answered for the rule.
_open(meta, kinds) := {item |
	some item in input.surface
	item.kind in kinds
	not lib.answered(meta, item.id)
}

# The reach that a fact about exposure gives: public when it holds (true),
# unknown when it may hold ("unknown").
_reach(state) := "public" if state == true

_reach(state) := "unknown" if state == "unknown"

# The severity of a weakness that holds (true or false, as the rule reads
# it) or may hold ("unknown"): a doubtful one is one step lower.
_sure(state, severity) := severity if state != "unknown"

_sure(state, severity) := lib.unresolved(severity) if state == "unknown"

_maybe(state) := "" if state == true

_maybe(state) := "may be " if state == "unknown"

# METADATA
# title: Bucket readable by anyone
# description: |
#   A storage bucket or container is public: its ACL grants reading or
#   writing to everyone (S3 public-read, public-read-write or
#   authenticated-read, a Google ACL to allUsers, an Azure container with
#   blob or container access), or its policy allows the principal "*" or
#   allUsers. S3 public access blocks of the same bucket, in the same
#   Terraform directory or the same template, suppress what they block.
#   A high impact on the reach the ACL or policy gives: high, whether the
#   file says so or the ACL or policy is unknown (unknown reach counts as
#   public).
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/732.html
#     description: "CWE-732: Incorrect Permission Assignment for Critical Resource"
#   - ref: https://owasp.org/Top10/A01_2021-Broken_Access_Control/
#     description: "OWASP Top 10 2021, A01: Broken Access Control"
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Amazon S3 Block Public Access
# custom:
#   id: TMS-CLOUD-001
#   severity: high
#   stride:
#     - information_disclosure
#   remediation: |
#     Remove the public ACL or policy statement and serve public content
#     through a CDN with origin access control; enable the bucket's public
#     access block. If the bucket is public on purpose, record an acceptance.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.risk(_reach(state), "high"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %sreadable by anyone on the internet", [item.name, _maybe(state)]),
	"location": lib.fact_location(item, ["public_acl", "public_policy"]),
}) if {
	some item in _open(rego.metadata.rule(), _resource_kinds)
	states := {s | s := _acl_state(item)} | {s | s := _policy_state(item)}
	count(states) > 0
	state := _strongest(states)
}

_strongest(states) if true in states

_strongest(states) := "unknown" if not true in states

_acl_state(item) := state if {
	state := item.attributes.public_acl
	state != false
	not _bucket_key(item) in _acls_blocked
}

_policy_state(item) := state if {
	state := item.attributes.public_policy
	state != false
	not _bucket_key(item) in _policies_blocked
}

# A bucket policy taken from an aws_iam_policy_document is as public as
# the document.
_policy_state(item) := state if {
	not "public_policy" in object.keys(item.attributes)
	ref := item.attributes.policy_document
	some state in [true, "unknown"]
	[_scope(item), ref, state] in _public_documents
	not _bucket_key(item) in _policies_blocked
}

_public_documents contains [_scope(item), sprintf("data.%s.%s", [item.attributes.type, item.attributes.name]), state] if {
	some item in input.surface
	item.kind == "terraform.data"
	state := item.attributes.public_policy
	state != false
}

_acls_blocked contains _bucket_key(item) if {
	some item in input.surface
	block := item.attributes.public_access_block
	some flag in ["block_public_acls", "ignore_public_acls"]
	block[flag] == true
}

_policies_blocked contains _bucket_key(item) if {
	some item in input.surface
	block := item.attributes.public_access_block
	some flag in ["block_public_policy", "restrict_public_buckets"]
	block[flag] == true
}

# Buckets are matched within a Terraform directory (a module) or a template.
_scope(item) := item.location.path if {
	item.kind == "cloudformation.resource"
} else := concat("/", array.slice(parts, 0, count(parts) - 1)) if {
	parts := split(item.location.path, "/")
}

_bucket_key(item) := [_scope(item), _bucket_of(item)]

_bucket_of(item) := item.attributes.bucket if {
	item.attributes.bucket != ""
} else := item.attributes.logical_id if {
	item.kind == "cloudformation.resource"
} else := sprintf("%s.%s", [item.attributes.type, item.attributes.name])

# METADATA
# title: Network open to the internet
# description: |
#   A security group, firewall or network security group admits traffic
#   from 0.0.0.0/0, ::/0, * or Internet, or a managed Kubernetes control
#   plane (EKS, GKE) serves its API endpoint to any address, which is
#   recorded as open ingress on tcp 443. Critical when the open ports
#   include remote administration, a plaintext login, a container or
#   cluster control API, a database or search store, or cannot be known;
#   high for other ports. Those ports are SSH 22, telnet 23, FTP 21, RDP
#   3389, VNC 5900, SMB 445, the Docker API 2375 and 2376, the Kubernetes
#   API 6443, etcd 2379, MySQL 3306, PostgreSQL 5432, SQL Server 1433,
#   Oracle 1521, MongoDB 27017 and 27018, Redis 6379, memcached 11211,
#   Cassandra 9042, CouchDB 5984, Elasticsearch 9200 and 9300, and Kibana
#   5601. A source range given by a variable counts as unknown reach,
#   ranked as public.
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/284.html
#     description: "CWE-284: Improper Access Control"
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     description: Amazon VPC security group rules
#   - ref: https://cloud.google.com/firewall/docs/firewalls
#     description: Google Cloud VPC firewall rules
# custom:
#   id: TMS-CLOUD-002
#   severity: high
#   stride:
#     - spoofing
#     - information_disclosure
#     - denial_of_service
#   remediation: |
#     Restrict the source to the addresses that need access, reach
#     administration ports through a bastion, VPN or session manager, and
#     keep databases in private subnets.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.risk(_ingress_reach(rules), _ingress_impact(rules)),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s admits traffic from the internet: %s", [item.name, concat(", ", _ingress_text(rules))]),
	"location": lib.fact_location(item, ["open_ingress"]),
}) if {
	some item in _open(rego.metadata.rule(), _resource_kinds)
	rules := item.attributes.open_ingress
	count(rules) > 0
}

# Remote administration and plaintext logins, container and cluster
# control APIs, then databases, caches and search stores.
_sensitive_ports := [
	21, 22, 23, 445, 3389, 5900,
	2375, 2376, 2379, 6443,
	1433, 1521, 3306, 5432, 5984, 6379, 9042, 11211, 27017, 27018,
	5601, 9200, 9300,
]

_ingress_impact(rules) := "critical" if {
	some rule in rules
	_reaches_sensitive(rule)
} else := "high"

_ingress_reach(rules) := "public" if {
	some rule in rules
	rule.cidr != "unknown"
} else := "unknown"

_reaches_sensitive(rule) if {
	not lower(rule.protocol) in {"icmp", "icmpv6", "1", "58"}
	some port in _sensitive_ports
	_covers(rule, port)
}

_covers(rule, _) if rule.from_port == "unknown"

_covers(rule, _) if rule.to_port == "unknown"

_covers(rule, port) if {
	is_number(rule.from_port)
	is_number(rule.to_port)
	rule.from_port <= port
	port <= rule.to_port
}

_ingress_text(rules) := sort({_rule_text(r) | some r in rules})

# A rule tms could not read at all, such as a dynamic block, is named as
# such; otherwise each unknown part is said in words.
_rule_text(r) := "rules tms cannot read" if {
	every v in [r.cidr, r.protocol, r.from_port, r.to_port] {
		v == "unknown"
	}
} else := concat(" ", [
	_known(r.cidr, "unknown source"),
	_known(r.protocol, "unknown protocol"),
	_port_text(r),
])

_known(v, _) := sprintf("%v", [v]) if v != "unknown"

_known(v, words) := words if v == "unknown"

_port_text(r) := "unknown ports" if {
	"unknown" in {r.from_port, r.to_port}
} else := sprintf("%v-%v", [r.from_port, r.to_port])

# METADATA
# title: Database reachable from the internet
# description: |
#   A database instance or server accepts connections from the internet:
#   RDS or Redshift publicly_accessible, a Cloud SQL authorized network of
#   0.0.0.0/0, an Azure resource with public network access, or an Azure
#   database firewall rule from 0.0.0.0 to 255.255.255.255. Critical, when
#   the file says so and when the setting is unknown (unknown reach counts
#   as public).
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/668.html
#     description: "CWE-668: Exposure of Resource to Wrong Sphere"
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
#     description: Working with a DB instance in a VPC
#   - ref: https://cloud.google.com/sql/docs/mysql/authorize-networks
#     description: Cloud SQL authorized networks
# custom:
#   id: TMS-CLOUD-003
#   severity: critical
#   stride:
#     - information_disclosure
#     - tampering
#   remediation: |
#     Turn public access off and connect through private networking (VPC
#     peering, private endpoints, Cloud SQL Auth Proxy) from the services
#     that need the database.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.risk(_reach(state), "critical"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %sreachable from the internet", [item.name, _maybe(state)]),
	"location": lib.fact_location(item, ["publicly_accessible"]),
}) if {
	some item in _open(rego.metadata.rule(), _resource_kinds)
	state := item.attributes.publicly_accessible
	state != false
}

# METADATA
# title: Public load balancer or IP address
# description: |
#   A load balancer faces the internet (not internal, or scheme
#   internet-facing), or a resource holds a public IP address (Elastic IP,
#   external address, access config, public IP on launch). It is an entry
#   point that the threat model should name. Medium, when the file says so
#   and when it depends on a variable (unknown reach counts as public).
# related_resources:
#   - ref: https://cwe.mitre.org/data/definitions/668.html
#     description: "CWE-668: Exposure of Resource to Wrong Sphere"
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html
#     description: Application Load Balancer scheme
# custom:
#   id: TMS-CLOUD-004
#   severity: medium
#   stride:
#     - information_disclosure
#     - denial_of_service
#   remediation: |
#     Make the load balancer internal or drop the public address if nothing
#     outside should reach it; otherwise model the entry point and record the
#     mitigation (WAF, authentication, TLS) that protects it.
deny contains lib.finding(rego.metadata.rule(), {
	"severity": lib.risk(_reach(state), "medium"),
	"surface": item.id,
	"subject": item.id,
	"message": sprintf("%s %s", [item.name, _public_what(item, state)]),
	"location": lib.fact_location(item, ["public_ip"]),
}) if {
	some item in _open(rego.metadata.rule(), _resource_kinds)
	state := item.attributes.public_ip
	state != false
}

_public_what(item, state) := "faces the internet" if {
	item.attributes.load_balancer == true
	state == true
} else := "may face the internet" if {
	item.attributes.load_balancer == true
} else := "has a public IP address" if {
	state == true
} else := "may have a public IP address"
