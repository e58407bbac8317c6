package cloudfacts

import (
	"encoding/json"
	"strings"
)

// Placeholder replaces an interpolation inside a template that is otherwise
// literal, such as a heredoc policy naming a bucket's ARN. A string holding
// it, or a Terraform "${...}" left verbatim, counts as unknown.
const Placeholder = "${?}"

// Templated reports whether s depends on something evaluated later.
func Templated(s string) bool {
	return strings.Contains(s, "${") || strings.Contains(s, "%{")
}

// PolicyFacts is what a policy document grants, read from its Allow
// statements.
type PolicyFacts struct {
	// PublicPrincipal holds when a statement allows any principal ("*"), with
	// no condition that could narrow it.
	PublicPrincipal Tri
	// Wildcard holds when a statement allows every action of a service ("*",
	// "s3:*"), every resource ("*"), or uses NotAction or NotResource.
	Wildcard Tri
	// WildcardActions holds when the wildcard reaches actions: a statement
	// allows every action of a service or uses NotAction. Without it, the
	// policy names its actions and only widens the resources, which many
	// actions such as ec2:Describe* or logs:CreateLogGroup require.
	WildcardActions Tri
}

// unknownPolicy is a policy tms cannot see into.
var unknownPolicy = PolicyFacts{Unknown, Unknown, Unknown}

// Or is what two policies grant together.
func (p PolicyFacts) Or(q PolicyFacts) PolicyFacts {
	return PolicyFacts{
		PublicPrincipal: p.PublicPrincipal.Or(q.PublicPrincipal),
		Wildcard:        p.Wildcard.Or(q.Wildcard),
		WildcardActions: p.WildcardActions.Or(q.WildcardActions),
	}
}

// AdminPolicy is what AWS's AdministratorAccess grants.
var AdminPolicy = PolicyFacts{Wildcard: True, WildcardActions: True}

// ReadPolicy reads an IAM policy document given as JSON text or as a decoded
// value. Anything it cannot see into is unknown.
func ReadPolicy(v any) PolicyFacts {
	switch doc := v.(type) {
	case nil:
		return PolicyFacts{}
	case string:
		if Templated(doc) && !strings.Contains(doc, "{") {
			return unknownPolicy
		}
		var decoded any
		if err := json.Unmarshal([]byte(doc), &decoded); err != nil {
			return unknownPolicy
		}
		return ReadPolicy(decoded)
	case map[string]any:
		return readStatements(doc["Statement"])
	}
	return unknownPolicy
}

func readStatements(v any) PolicyFacts {
	var facts PolicyFacts
	switch st := v.(type) {
	case nil:
	case map[string]any:
		facts = readStatement(st)
	case []any:
		for _, s := range st {
			facts = facts.Or(readStatements(s))
		}
	default:
		facts = unknownPolicy
	}
	return facts
}

func readStatement(st map[string]any) PolicyFacts {
	allow := textIs(st["Effect"], "Allow")
	if st["Effect"] == nil {
		allow = True
	}

	public := anyPrincipal(st["Principal"])
	if _, ok := st["NotPrincipal"]; ok {
		public = True
	}
	if _, ok := st["Condition"]; ok && public == True {
		public = Unknown
	}

	actions := matchAny(st["Action"], wildAction)
	if _, ok := st["NotAction"]; ok {
		actions = True
	}
	wildcard := actions.Or(matchAny(st["Resource"], wildResource))
	if _, ok := st["NotResource"]; ok {
		wildcard = True
	}
	return PolicyFacts{
		PublicPrincipal: allow.And(public),
		Wildcard:        allow.And(wildcard),
		WildcardActions: allow.And(actions),
	}
}

// anyPrincipal reads "*" or {"AWS": "*"} and its list forms.
func anyPrincipal(v any) Tri {
	if m, ok := v.(map[string]any); ok {
		var t Tri
		for _, ids := range m {
			t = t.Or(matchAny(ids, wildResource))
		}
		return t
	}
	return matchAny(v, wildResource)
}

func wildAction(s string) bool { return s == "*" || strings.HasSuffix(s, ":*") }

func wildResource(s string) bool { return s == "*" }

// matchAny applies match to a string or to each string of a list.
func matchAny(v any, match func(string) bool) Tri {
	switch x := v.(type) {
	case nil:
		return False
	case string:
		if Templated(x) {
			return matchTemplate(x, match)
		}
		return Of(match(x))
	case []any:
		var t Tri
		for _, e := range x {
			t = t.Or(matchAny(e, match))
		}
		return t
	case Opaque:
		if x.Reference {
			return False
		}
	}
	return Unknown
}

// matchTemplate judges a string with interpolations. One that is only a
// reference to another resource is that resource's concrete value. One
// whose literal text already matches ("${var.service}:*") holds; one whose
// literal text decides the end of the string ("${var.bucket_arn}/*") cannot
// become a bare "*"; the rest are unknown.
func matchTemplate(s string, match func(string) bool) Tri {
	if inner, ok := strings.CutPrefix(s, "${"); ok && strings.Index(inner, "}") == len(inner)-1 {
		if ResourceRef(inner[:len(inner)-1]) {
			return False
		}
		return Unknown
	}
	literal := StripInterpolations(s)
	switch {
	case match(literal) && literal != "":
		return True
	case strings.HasSuffix(s, "}"):
		return Unknown
	}
	return False
}

// StripInterpolations removes every ${...} and %{...} sequence.
func StripInterpolations(s string) string {
	var b strings.Builder
	for {
		start := strings.IndexAny(s, "$%")
		if start < 0 || start+1 >= len(s) || s[start+1] != '{' {
			if start < 0 {
				return b.String() + s
			}
			b.WriteString(s[:start+1])
			s = s[start+1:]
			continue
		}
		end := strings.Index(s[start:], "}")
		if end < 0 {
			return b.String() + s
		}
		b.WriteString(s[:start])
		s = s[start+end+1:]
	}
}

// ResourceRef reports whether a Terraform expression is a reference to a
// resource or data source attribute, such as aws_s3_bucket.logs.arn. Their
// types always hold an underscore; variables, locals and the other
// built-in roots never do.
func ResourceRef(expr string) bool {
	expr = strings.TrimSpace(expr)
	root, rest, found := strings.Cut(expr, ".")
	if !found || rest == "" || strings.ContainsAny(expr, " ()\"") {
		return false
	}
	return root == "data" || strings.Contains(root, "_")
}

// textIs compares a literal string, unknown when it is not one.
func textIs(v any, want string) Tri {
	s, ok := v.(string)
	if !ok || Templated(s) {
		return Unknown
	}
	return Of(s == want)
}

// AdminPolicyARN reports whether an ARN names AWS's AdministratorAccess
// managed policy, in any partition, which allows every action on every
// resource.
func AdminPolicyARN(arn string) bool {
	return strings.HasPrefix(arn, "arn:aws") &&
		strings.HasSuffix(arn, ":iam::aws:policy/AdministratorAccess")
}
