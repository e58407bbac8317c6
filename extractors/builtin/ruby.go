package builtin

import "github.com/tms-dev/tms/extractors/ruby"

func init() { register(ruby.New()) }
