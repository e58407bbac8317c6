package builtin

import "github.com/tms-dev/tms/extractors/dotnet"

func init() { register(dotnet.New()) }
