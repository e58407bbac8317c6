package tms.lib_test

import data.tms.lib

test_component_of_files if {
	lib.component("Dockerfile") == "."
	lib.component("web/package.json") == "web"
	lib.component("services/api/Dockerfile") == "services/api"
	lib.component("services/api/src/main.go") == "services/api"
	lib.component("services/Dockerfile") == "services"
	lib.in_service("services/api/openapi.yaml")
	not lib.in_service("api/openapi.yaml")
}
