package builtin

import "github.com/tms-dev/tms/extractors/maven"

func init() { register(maven.New()) }
