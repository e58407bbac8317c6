package builtin

import "github.com/tms-dev/tms/extractors/routes"

// Routes registered in code: one extractor per language, so that a file
// that does not parse is reported under its language's name.
func init() {
	register(routes.NewGo())
	register(routes.NewJS())
	register(routes.NewJava())
	register(routes.NewPython())
	register(routes.NewRails())
	register(routes.NewCSharp())
}
