// Package policies embeds tms's Rego library: the rules that decide which
// differences between a repository's surface and its threat model are
// unmitigated, and how severe each one is.
package policies
