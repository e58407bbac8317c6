package builtin

import "github.com/tms-dev/tms/extractors/githubactions"

func init() { register(githubactions.New()) }
