package builtin

import "github.com/tms-dev/tms/extractors/cargo"

func init() { register(cargo.New()) }
