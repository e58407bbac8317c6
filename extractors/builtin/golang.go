package builtin

import "github.com/tms-dev/tms/extractors/gomod"

func init() { register(gomod.New()) }
