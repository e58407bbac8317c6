package policies

import "embed"

// FS holds the embedded policy tree, tests included: the engine compiles the
// rules and `tms policy test` runs the tests. Paths are rooted at "tms/".
//
//go:embed tms
var FS embed.FS
