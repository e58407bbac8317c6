package builtin

import "github.com/tms-dev/tms/extractors/terraform"

func init() { register(terraform.New()) }
