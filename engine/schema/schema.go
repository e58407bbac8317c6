// Package schema holds the JSON Schema of the policy input document. The
// engine hands it to OPA's type checker, so a rule that reads a field the input
// does not have fails to compile instead of silently never matching.
package schema

import _ "embed"

// Input is the JSON Schema (draft-07) of the input document, version 1.
//
//go:embed input.schema.json
var Input []byte
