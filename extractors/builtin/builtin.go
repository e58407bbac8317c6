package builtin

import (
	"sort"

	"github.com/tms-dev/tms/extractors"
)

// registered holds one of each built-in extractor. Each source registers
// itself from its own file in this package (containers.go, golang.go, ...),
// so supporting a new format means a new extractor package and one new file
// here, without touching a shared list.
var registered []extractors.Extractor

func register(x extractors.Extractor) {
	registered = append(registered, x)
}

// All returns one of each built-in extractor, sorted by name so that logs
// and diagnostics read the same on every run.
func All() []extractors.Extractor {
	all := append([]extractors.Extractor(nil), registered...)
	sort.Slice(all, func(i, j int) bool { return all[i].Name() < all[j].Name() })
	return all
}
