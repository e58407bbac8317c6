package tms.lib

# The severity model. Severity is the impact of what can go wrong, moved by
# how reachable the surface is: reachable from anywhere (public, or unknown,
# which tms does not rule out) keeps the impact; reachable only from inside
# the system (internal), or brought in rather than reached (none, for
# dependencies), lowers it one step. Rules state the impact of their threat
# and let the model decide; docs/policies.md tabulates it.

_reach_shift := {"public": 0, "unknown": 0, "internal": -1, "none": -1}

# risk is the severity of a threat of the given impact (a severity name) on
# surface of the given exposure; an exposure tms does not know counts as
# unknown, an impact that is unset or unknown counts as high (see rank), and
# the result never drops below info.
risk(exposure, impact) := severities[max([0, rank(impact) + shift])] if {
	shift := object.get(_reach_shift, exposure, 0)
}

# exposure_of is an item's reach for the model. Entry points have the
# exposure their extractor found, and so do cloud resources, whose extractor
# reads it from their own settings (a public IP, publicly_accessible, an
# internal load balancer). A dependency is code brought in, not a place
# traffic arrives. Anything else (an image, a workload, a file) is reached
# through entry points tms cannot tie to it, so it counts as unknown.
exposure_of(item) := object.get(item, "exposure", "unknown") if item.kind in _exposed_kinds

exposure_of(item) := "none" if item.kind in dependency_kinds

exposure_of(item) := "unknown" if {
	not item.kind in _exposed_kinds
	not item.kind in dependency_kinds
}

_exposed_kinds := entry_point_kinds | cloud_resource_kinds

# item_risk is the severity of a threat of the given impact on the item.
item_risk(item, impact) := risk(exposure_of(item), impact)

# unresolved lowers a severity one step for a finding whose weakness tms
# could not confirm because a value came from a variable or a function:
# the doubt is about whether the threat exists, not about who reaches it.
# An unresolved exposure is not lowered: it counts as unknown reach.
unresolved(severity) := severities[max([0, rank(severity) - 1])]
