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
# unknown, and the result never drops below info.
risk(exposure, impact) := severities[max([0, severity_rank[impact] + shift])] if {
	shift := object.get(_reach_shift, exposure, 0)
}

# exposure_of is an item's reach for the model. Entry points have the
# exposure their extractor found. A dependency is code brought in, not a
# place traffic arrives. Anything else (an image, a resource, a workload) is
# reached through entry points tms cannot tie to it, so it counts as unknown.
exposure_of(item) := object.get(item, "exposure", "unknown") if item.kind in entry_point_kinds

exposure_of(item) := "none" if item.kind in dependency_kinds

exposure_of(item) := "unknown" if {
	not item.kind in entry_point_kinds
	not item.kind in dependency_kinds
}
