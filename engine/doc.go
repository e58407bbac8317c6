// Package engine turns a repository and its threat model into a decision.
//
// It assembles the input document (surface, model, config), evaluates the
// Rego policies once as a single prepared query, maps each finding to block,
// warn or info, and writes reports. Rule metadata is read from the policies'
// METADATA annotations; the engine keeps no second table of rules.
package engine
