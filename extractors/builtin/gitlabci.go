package builtin

import "github.com/tms-dev/tms/extractors/gitlabci"

func init() { register(gitlabci.New()) }
