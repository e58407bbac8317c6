package builtin

import "github.com/tms-dev/tms/extractors/secrets"

func init() { register(secrets.New()) }
