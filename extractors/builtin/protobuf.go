package builtin

import "github.com/tms-dev/tms/extractors/protobuf"

func init() { register(protobuf.New()) }
