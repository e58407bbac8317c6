# METADATA
# title: The decision document
# description: |
#   Collects the findings of every rule package under data.tms.rules into one
#   set, so that tms evaluates a single prepared query per run.
package tms.main

findings contains finding if {
	some area
	some finding in data.tms.rules[area].deny
}
