package terraform

import (
	"strings"

	cf "github.com/tms-dev/tms/extractors/cloudfacts"
)

// authorization reads an API's authorization type: NONE lets anyone call.
func authorization(l lifter, name string, def string) {
	s, known, present := l.text(name)
	if !present {
		s, known = def, true
	}
	l.f.Set("authorization", s)
	switch {
	case !known:
		l.f.Set("authorization", cf.UnknownText)
		l.f.Set(cf.Unauthenticated, cf.UnknownText)
	default:
		l.f.Set(cf.Unauthenticated, strings.EqualFold(s, "NONE"))
	}
}

func awsAPIMethod(l lifter) {
	if method, known, _ := l.text("http_method"); known {
		l.f.Set("http_method", method)
	}
	authorization(l, "authorization", "")
}

func awsAPIRoute(l lifter) {
	if key, known, _ := l.text("route_key"); known {
		l.f.Set("route_key", key)
	}
	authorization(l, "authorization_type", "NONE")
}

// awsFunctionURL: a function URL is an HTTPS endpoint on the internet.
func awsFunctionURL(l lifter) {
	authorization(l, "authorization_type", "")
	l.f.Public()
}

// awsRestAPI: REST APIs are edge-optimized, so public, unless their
// endpoint configuration makes them private.
func awsRestAPI(l lifter) {
	endpoint := "EDGE"
	for _, cfg := range l.children("endpoint_configuration") {
		types := cfg.list("types")
		endpoint = cf.UnknownText
		if len(types) == 1 {
			if s, ok := types[0].(string); ok && !cf.Templated(s) {
				endpoint = strings.ToUpper(s)
			}
		}
	}
	l.f.Set("endpoint_type", endpoint)
	switch endpoint {
	case "PRIVATE":
		l.f.Internal()
	case "EDGE", "REGIONAL":
		l.f.Public()
	}
}

// awsPolicyDocument rebuilds the JSON statements of an
// aws_iam_policy_document so that they are read as any other policy.
func awsPolicyDocument(l lifter) {
	l.ev.templates = true
	var statements []any
	for _, st := range l.children("statement") {
		statements = append(statements, policyStatement(st))
	}
	unseen := len(l.n.dynamics("statement")) > 0
	for _, name := range []string{"source_policy_documents", "override_policy_documents"} {
		unseen = unseen || l.get(name) != nil
	}
	if unseen {
		statements = append(statements, cf.Opaque{})
	}
	facts := cf.ReadPolicy(map[string]any{"Statement": statements})
	l.f.Set(cf.PublicPolicy, facts.PublicPrincipal.Value())
	l.f.Wildcards(facts)
	l.at(cf.PublicPolicy, "statement", "source_policy_documents", "override_policy_documents")
	l.at(cf.IAMWildcard, "statement", "source_policy_documents", "override_policy_documents")
}

func policyStatement(st lifter) map[string]any {
	m := map[string]any{}
	keys := map[string]string{
		"effect": "Effect", "actions": "Action", "not_actions": "NotAction",
		"resources": "Resource", "not_resources": "NotResource",
	}
	for name, key := range keys {
		if v := st.get(name); v != nil {
			m[key] = v
		}
	}
	principalKeys := map[string]string{"principals": "Principal", "not_principals": "NotPrincipal"}
	for name, key := range principalKeys {
		principals := map[string]any{}
		for _, p := range st.children(name) {
			typ, known, _ := p.text("type")
			if !known {
				typ = cf.Placeholder
			}
			principals[typ] = append(asList(principals[typ]), asList(p.get("identifiers"))...)
		}
		if len(principals) > 0 {
			m[key] = principals
		}
	}
	if len(st.children("condition")) > 0 {
		m["Condition"] = true
	}
	return m
}
