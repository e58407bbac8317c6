package builtin

import "github.com/tms-dev/tms/extractors/dockerfile"

func init() { register(dockerfile.New()) }
