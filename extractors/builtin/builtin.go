package builtin

import (
	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/dockerfile"
	"github.com/tms-dev/tms/extractors/gomod"
	"github.com/tms-dev/tms/extractors/npm"
)

// All returns one of each built-in extractor, in a fixed order so that logs
// and diagnostics read the same on every run. Supporting a new file format
// means adding a package under extractors and one line here.
func All() []extractors.Extractor {
	return []extractors.Extractor{
		dockerfile.New(),
		gomod.New(),
		npm.New(),
	}
}
