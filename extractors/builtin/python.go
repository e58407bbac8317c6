package builtin

import "github.com/tms-dev/tms/extractors/python"

func init() { register(python.New()) }
