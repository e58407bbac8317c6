// Package keyline decodes the TOML and JSON files that dependency manifests
// and lockfiles are written in, and tells the line on which each key or array
// element is written, so that an item can point at its declaration.
//
// TOML values and lines both come from github.com/pelletier/go-toml/v2; JSON
// is read with encoding/json, whose token stream reports byte offsets.
package keyline
