package builtin

import "github.com/tms-dev/tms/extractors/openapi"

func init() { register(openapi.New()) }
