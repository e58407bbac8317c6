package builtin

import "github.com/tms-dev/tms/extractors/graphql"

func init() { register(graphql.New()) }
