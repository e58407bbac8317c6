package builtin

import "github.com/tms-dev/tms/extractors/compose"

func init() { register(compose.New()) }
