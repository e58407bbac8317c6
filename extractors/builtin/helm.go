package builtin

import "github.com/tms-dev/tms/extractors/helm"

func init() { register(helm.New()) }
