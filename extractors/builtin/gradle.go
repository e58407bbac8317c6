package builtin

import "github.com/tms-dev/tms/extractors/gradle"

func init() { register(gradle.New()) }
