package tms.lib

# Components as tms init groups the surface: the top directory of a file, or
# the first two levels under a directory that holds one component per
# subdirectory; "." for files at the root. The engine uses the same rule.
grouping_dirs := {
	"services", "apps", "cmd", "packages", "svc",
	"microservices", "modules", "charts", "functions",
}

component(path) := "." if not contains(path, "/")

component(path) := concat("/", array.slice(parts, 0, 2)) if {
	parts := split(path, "/")
	_grouped(parts)
}

component(path) := parts[0] if {
	parts := split(path, "/")
	count(parts) > 1
	not _grouped(parts)
}

# in_service holds for a file that belongs to one service of a monorepo.
in_service(path) if _grouped(split(path, "/"))

_grouped(parts) if {
	count(parts) > 2
	parts[0] in grouping_dirs
}
