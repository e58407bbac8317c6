package builtin

import "github.com/tms-dev/tms/extractors/kubernetes"

func init() { register(kubernetes.New()) }
