package cloudfacts

// Tri is a three-valued answer: a fact holds, does not hold, or cannot be
// known from the file because it depends on a variable, a reference or a
// function. Unknown is never rounded to either side.
type Tri uint8

// The three answers. The zero value is False so that an empty fold starts
// from "nothing found".
const (
	False Tri = iota
	Unknown
	True
)

// UnknownText is how an unknown value appears in item attributes.
const UnknownText = "unknown"

// Value is the attribute form: true, false or "unknown".
func (t Tri) Value() any {
	switch t {
	case True:
		return true
	case Unknown:
		return UnknownText
	}
	return false
}

// Or is the answer to "does any of them hold": true wins over unknown, which
// wins over false.
func (t Tri) Or(u Tri) Tri { return max(t, u) }

// And is the answer to "do both hold".
func (t Tri) And(u Tri) Tri { return min(t, u) }

// Not swaps true and false and keeps unknown.
func (t Tri) Not() Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

// Of returns True or False for a known boolean.
func Of(b bool) Tri {
	if b {
		return True
	}
	return False
}

// Opaque stands for a value the extractor cannot evaluate: a reference, a
// variable, a function call or an intrinsic function. Text is the source
// expression, kept so that a person sees what it depends on. Reference
// marks an attribute of another resource, such as a bucket's ARN: its value
// is unknown but is never a wildcard, unlike a variable's. NetworkRange
// marks the address range of a VPC or subnet of the same configuration,
// such as aws_vpc.main.cidr_block: its value is unknown but it holds only
// the network's own addresses, never the internet.
type Opaque struct {
	Text         string
	Reference    bool
	NetworkRange bool
}

// BoolOf reads a literal boolean. Strings "true" and "false" count, since
// both Terraform and CloudFormation convert them.
func BoolOf(v any) (Tri, bool) {
	switch b := v.(type) {
	case bool:
		return Of(b), true
	case string:
		switch b {
		case "true", "True", "TRUE":
			return True, true
		case "false", "False", "FALSE":
			return False, true
		}
	case Opaque:
		return Unknown, true
	}
	return Unknown, false
}
