package builtin

import "github.com/tms-dev/tms/extractors/cloudformation"

func init() { register(cloudformation.New()) }
