package tms.lib

# fact_location is where a finding about some facts of an item belongs: the
# earliest line that attributes.lines gives for one of the named facts, in
# the item's file, or the item's own location when none has a line (a fact
# that holds by default is written nowhere).
fact_location(item, names) := {"path": item.location.path, "line": min(found)} if {
	lines := object.get(item, ["attributes", "lines"], {})
	found := {line |
		some name in names
		line := lines[name]
		is_number(line)
		line > 0
	}
	count(found) > 0
} else := item.location
