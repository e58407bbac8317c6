package kubernetes

import (
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
)

func TestBindings(t *testing.T) {
	const f = "rbac.yaml"
	binding := func(line int, ns, kind, name string, ref map[string]any, subjects []any,
		why string) extractors.Item {
		what, qualified := ns+"/"+kind+"/"+name, ns+"/"+name
		if ns == "" {
			what, qualified = kind+"/"+name, name
		}
		return item("k8s.rbac_binding", f, line, what, kind+" "+qualified,
			extractors.ExposureInternal, nil, map[string]any{
				"kind": kind, "namespace": ns, "name": name, "role_ref": ref,
				"subjects": subjects, "powerful": why != "", "powerful_because": why,
			})
	}
	role := func(kind, name string) map[string]any {
		return map[string]any{"kind": kind, "name": name}
	}
	subject := func(kind, name, ns string) map[string]any {
		s := map[string]any{"kind": kind, "name": name}
		if ns != "" {
			s["namespace"] = ns
		}
		return s
	}

	checkItems(t, f, []extractors.Item{
		binding(1, "", "ClusterRoleBinding", "ci-admin", role("ClusterRole", "cluster-admin"),
			[]any{subject("ServiceAccount", "ci", "ci"),
				subject("Group", "system:authenticated", "")},
			"built-in ClusterRole cluster-admin"),
		binding(25, "apps", "RoleBinding", "boss", role("Role", "pod-boss"),
			[]any{subject("ServiceAccount", "worker", "apps")}, "Role pod-boss allows every verb"),
		binding(39, "apps", "RoleBinding", "binder", role("ClusterRole", "binder"),
			[]any{subject("User", "jane", "")}, "ClusterRole binder allows bind"),
		binding(45, "apps", "RoleBinding", "reader", role("ClusterRole", "view"),
			[]any{subject("User", "joe", "")}, ""),
	}, 0)
}

func TestSecretsKeepKeyNamesOnly(t *testing.T) {
	const f = "secret.yaml"
	secret := func(line int, ns, name, typ string, keys []any, inline bool) extractors.Item {
		return item("k8s.secret", f, line, ns+"/"+name, "Secret "+ns+"/"+name,
			extractors.ExposureInternal, nil, map[string]any{
				"kind": "Secret", "namespace": ns, "name": name, "type": typ,
				"keys": keys, "has_inline_data": inline,
			})
	}
	checkItems(t, f, []extractors.Item{
		secret(1, "data", "db-credentials", "Opaque", []any{"password", "url", "username"}, true),
		secret(13, "default", "placeholder", "Opaque", []any{"token"}, false),
		secret(20, "default", "sa-token", "kubernetes.io/service-account-token", []any{}, false),
	}, 0)

	items, _ := extract(t, f)
	for _, it := range items {
		for _, value := range []string{"YWRtaW4=", "c3VwZXJzZWNyZXQ=", "supersecret"} {
			if strings.Contains(fmtItem(it), value) {
				t.Errorf("item %s holds a secret value", it.ID)
			}
		}
	}
}
