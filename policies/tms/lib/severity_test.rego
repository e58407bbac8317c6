package tms.lib_test

import data.tms.lib

test_risk_keeps_the_impact_of_reachable_surface if {
	every exposure in ["public", "unknown", "not-an-exposure"] {
		every impact in lib.severities {
			lib.risk(exposure, impact) == impact
		}
	}
}

test_risk_lowers_surface_reached_only_from_inside if {
	[lib.risk("internal", s) | some s in lib.severities] == ["info", "info", "low", "medium", "high"]
	[lib.risk("none", s) | some s in lib.severities] == ["info", "info", "low", "medium", "high"]
}

test_unset_or_unknown_impact_counts_as_high if {
	lib.risk("public", "") == "high"
	lib.risk("internal", "TBD") == "medium"
	lib.unresolved("") == "medium"
	lib.lower("", "critical") == "high"
	lib.lower("critical", "") == "high"
}

test_surface_severity_follows_the_model if {
	lib.surface_severity({"kind": "container.port", "exposure": "public"}) == "high"
	lib.surface_severity({"kind": "container.port", "exposure": "unknown"}) == "high"
	lib.surface_severity({"kind": "k8s.service", "exposure": "internal"}) == "medium"
	lib.surface_severity({"kind": "dependency", "exposure": "internal"}) == "low"
	lib.surface_severity({"kind": "container.image", "exposure": "internal"}) == "medium"
	lib.surface_severity({"kind": "http.route"}) == "high"
	lib.surface_severity({"kind": "terraform.resource", "exposure": "internal"}) == "low"
	lib.surface_severity({"kind": "terraform.resource", "exposure": "public"}) == "medium"
}

test_exposure_of_reads_entry_points_and_cloud_resources if {
	lib.exposure_of({"kind": "k8s.service", "exposure": "internal"}) == "internal"
	lib.exposure_of({"kind": "terraform.resource", "exposure": "public"}) == "public"
	lib.exposure_of({"kind": "cloudformation.resource", "exposure": "internal"}) == "internal"
	lib.exposure_of({"kind": "terraform.resource"}) == "unknown"
	lib.exposure_of({"kind": "ci.action", "exposure": "public"}) == "none"
	lib.exposure_of({"kind": "k8s.workload", "exposure": "internal"}) == "unknown"
}

test_item_risk_applies_the_model_to_the_item if {
	lib.item_risk({"kind": "api.operation", "exposure": "public"}, "high") == "high"
	lib.item_risk({"kind": "api.operation", "exposure": "unknown"}, "high") == "high"
	lib.item_risk({"kind": "api.operation", "exposure": "internal"}, "high") == "medium"
	lib.item_risk({"kind": "dependency"}, "critical") == "high"
	lib.item_risk({"kind": "k8s.workload", "exposure": "internal"}, "critical") == "critical"
}

test_unresolved_lowers_one_step_down_to_info if {
	[lib.unresolved(s) | some s in lib.severities] == ["info", "info", "low", "medium", "high"]
}
