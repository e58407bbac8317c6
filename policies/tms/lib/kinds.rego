package tms.lib

# Classes of surface kinds: which kinds of item accept traffic and which bring
# in someone else's code. The severity model ranks unmodeled surface by these
# classes; a kind in neither is ranked as a component of the system.

# Kinds that accept traffic. Their severity follows their exposure.
entry_point_kinds := {
	"container.port",
	"api.operation",
	"grpc.method",
	"graphql.field",
	"http.route",
	"k8s.service",
	"k8s.ingress",
	"compose.port",
	"ci.workflow",
}

# Cloud resources, whose exposure their extractor derives from their own
# settings.
cloud_resource_kinds := {
	"terraform.resource",
	"cloudformation.resource",
}

# Kinds that bring in someone else's code.
dependency_kinds := {
	"dependency",
	"container.base",
	"helm.dependency",
	"helm.image",
	"ci.action",
	"ci.include",
}

# Kinds whose new items a dedicated rule reports with more to say (an API
# definition or a gRPC service not in the model); the generic rule for
# unmodeled surface leaves them to it, so each item is reported once.
dedicated_new_surface_kinds := {
	"api.spec",
	"grpc.service",
}
