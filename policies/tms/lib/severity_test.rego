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

test_surface_severity_follows_the_model if {
	lib.surface_severity({"kind": "container.port", "exposure": "public"}) == "high"
	lib.surface_severity({"kind": "container.port", "exposure": "unknown"}) == "high"
	lib.surface_severity({"kind": "k8s.service", "exposure": "internal"}) == "medium"
	lib.surface_severity({"kind": "dependency", "exposure": "internal"}) == "low"
	lib.surface_severity({"kind": "container.image", "exposure": "internal"}) == "medium"
	lib.surface_severity({"kind": "http.route"}) == "high"
}
