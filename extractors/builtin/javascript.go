package builtin

import "github.com/tms-dev/tms/extractors/npm"

func init() { register(npm.New()) }
