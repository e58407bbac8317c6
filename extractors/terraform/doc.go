// Package terraform extracts the cloud surface a Terraform configuration
// declares: resources with the exposure facts lifted from their literal
// arguments, data sources, modules with how firmly their source is pinned,
// and providers with their version constraints.
//
// Native syntax is read with HashiCorp's hclsyntax and JSON syntax with
// hcl/v2/json, the parsers Terraform itself uses, so every item keeps the
// line of its block. Only literal values are evaluated: what depends on a
// variable, a reference or a function stays unknown.
package terraform
