package builtin

import "github.com/tms-dev/tms/extractors/composer"

func init() { register(composer.New()) }
