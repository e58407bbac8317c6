package kubernetes

import (
	"fmt"
	"slices"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/internal/yamlnode"
)

// roleKey names a role as a binding's roleRef does: a ClusterRole by name,
// a Role by namespace and name.
type roleKey struct{ kind, namespace, name string }

func roleKeyOf(o object) roleKey {
	if o.kind == "ClusterRole" {
		return roleKey{kind: o.kind, name: o.name}
	}
	return roleKey{o.kind, o.ns(), o.name}
}

// builtinPowerful are the user-facing ClusterRoles Kubernetes ships that
// grant write access to most of what they cover: cluster-admin everything,
// admin and edit a namespace's workloads and Secrets.
var builtinPowerful = map[string]bool{"cluster-admin": true, "admin": true, "edit": true}

// escalatingVerbs let a subject grant itself more than it has, as the
// Kubernetes RBAC good practices warn.
var escalatingVerbs = []string{"escalate", "bind", "impersonate"}

// powerOfRules says why a Role or ClusterRole is powerful, or "": a wildcard
// verb or resource, or a verb that escalates.
func powerOfRules(o object) string {
	for _, rule := range yamlnode.Items(yamlnode.Get(o.node, "rules")) {
		verbs := yamlnode.Strings(yamlnode.Get(rule, "verbs"))
		resources := yamlnode.Strings(yamlnode.Get(rule, "resources"))
		switch {
		case slices.Contains(verbs, "*"):
			return fmt.Sprintf("%s %s allows every verb", o.kind, o.name)
		case slices.Contains(resources, "*"):
			return fmt.Sprintf("%s %s covers every resource", o.kind, o.name)
		}
		for _, v := range escalatingVerbs {
			if slices.Contains(verbs, v) {
				return fmt.Sprintf("%s %s allows %s", o.kind, o.name, v)
			}
		}
	}
	return ""
}

// binding reads a RoleBinding or ClusterRoleBinding. The role it grants is
// powerful when it is one of the built-in admin roles, or a role defined in
// the same file whose rules are; a role defined elsewhere is not judged.
func (m *manifest) binding(o object) extractors.Item {
	ref := yamlnode.Get(o.node, "roleRef")
	key := roleKey{kind: yamlnode.Text(yamlnode.Get(ref, "kind")),
		name: yamlnode.Text(yamlnode.Get(ref, "name"))}
	if key.kind == "Role" {
		key.namespace = o.ns()
	}

	why := m.roles[key]
	if key.kind == "ClusterRole" && builtinPowerful[key.name] {
		why = "built-in ClusterRole " + key.name
	}

	attrs := common(o)
	attrs["role_ref"] = map[string]any{"kind": key.kind, "name": key.name}
	attrs["subjects"] = subjects(o)
	attrs["powerful"] = why != ""
	attrs["powerful_because"] = why

	what := o.ns() + "/" + o.kind + "/" + o.name
	if o.clusterScoped() {
		what = o.kind + "/" + o.name
	}
	return m.item("k8s.rbac_binding", o, what, extractors.ExposureInternal, attrs)
}

// subjects lists who the binding grants the role to. A ServiceAccount
// without a namespace is in the binding's.
func subjects(o object) []any {
	var out []any
	for _, s := range yamlnode.Items(yamlnode.Get(o.node, "subjects")) {
		subject := map[string]any{
			"kind": yamlnode.Text(yamlnode.Get(s, "kind")),
			"name": yamlnode.Text(yamlnode.Get(s, "name")),
		}
		ns := yamlnode.Text(yamlnode.Get(s, "namespace"))
		if ns == "" && subject["kind"] == "ServiceAccount" {
			ns = o.ns()
		}
		if ns != "" {
			subject["namespace"] = ns
		}
		out = append(out, subject)
	}
	return nonNil(out)
}
