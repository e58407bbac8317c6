package kubernetes

import (
	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// manifest is one file's objects, with the indexes that items built from one
// object need about the others in the same file: the roles a binding grants
// and the gateways a route attaches to.
type manifest struct {
	path     string
	objects  []object
	probs    *yamlnode.Problems
	roles    map[roleKey]string // role to why it is powerful ("" when it is not)
	gateways map[gatewayKey][]listener
}

func newManifest(p string, objects []object, probs *yamlnode.Problems) *manifest {
	m := &manifest{
		path: p, objects: objects, probs: probs,
		roles: map[roleKey]string{}, gateways: map[gatewayKey][]listener{},
	}
	for _, o := range objects {
		switch o.kind {
		case "Role", "ClusterRole":
			m.roles[roleKeyOf(o)] = powerOfRules(o)
		case "Gateway":
			m.gateways[gatewayKey{o.ns(), o.name}] = listenersOf(o)
		}
	}
	return m
}

// builders maps each kind that is surface to what it makes of an object.
var builders = map[string]func(*manifest, object) extractors.Item{
	"Pod": (*manifest).workload, "Deployment": (*manifest).workload,
	"StatefulSet": (*manifest).workload, "DaemonSet": (*manifest).workload,
	"ReplicaSet": (*manifest).workload, "ReplicationController": (*manifest).workload,
	"Job": (*manifest).workload, "CronJob": (*manifest).workload,
	"Service":            (*manifest).service,
	"Ingress":            (*manifest).ingress,
	"HTTPRoute":          (*manifest).route,
	"GRPCRoute":          (*manifest).route,
	"TLSRoute":           (*manifest).route,
	"NetworkPolicy":      (*manifest).networkPolicy,
	"RoleBinding":        (*manifest).binding,
	"ClusterRoleBinding": (*manifest).binding,
	"Secret":             (*manifest).secret,
}

func isSurface(kind string) bool {
	_, ok := builders[kind]
	return ok
}

func (m *manifest) items() []extractors.Item {
	var out []extractors.Item
	for _, o := range m.objects {
		if build, ok := builders[o.kind]; ok {
			out = append(out, build(m, o))
		}
	}
	return out
}

// item fills what every item of the file has in common. what is the part of
// the id after "#".
func (m *manifest) item(kind string, o object, what string, exposure extractors.Exposure,
	attrs map[string]any) extractors.Item {
	return extractors.Item{
		ID:         kind + ":" + m.path + "#" + what,
		Kind:       kind,
		Name:       o.kind + " " + o.qualifiedName(),
		Exposure:   exposure,
		Attributes: attrs,
		Location:   extractors.Location{Path: m.path, Line: o.line},
	}
}

// common returns the attributes every item of an object carries.
func common(o object) map[string]any {
	ns := o.ns()
	if o.clusterScoped() {
		ns = ""
	}
	return map[string]any{"kind": o.kind, "namespace": ns, "name": o.name}
}
