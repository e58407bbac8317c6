package convert

import (
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// The crosswalks from other tools' vocabularies to tms's. Each is a table so
// that docs/threat-model.md and the tests read the same mapping. Keys are
// normalised with key(): lower case, letters and digits only.

// strideByName maps the STRIDE category names that tools write, in any case
// or spelling of separators, to tms's names.
var strideByName = map[string]string{
	"spoofing":              "spoofing",
	"tampering":             "tampering",
	"repudiation":           "repudiation",
	"informationdisclosure": "information_disclosure",
	"denialofservice":       "denial_of_service",
	"elevationofprivilege":  "elevation_of_privilege",
	"elevationofprivileges": "elevation_of_privilege",
}

// strideOTMName is how the OTM export writes each tms category.
var strideOTMName = map[string]string{
	"spoofing":               "Spoofing",
	"tampering":              "Tampering",
	"repudiation":            "Repudiation",
	"information_disclosure": "Information Disclosure",
	"denial_of_service":      "Denial of Service",
	"elevation_of_privilege": "Elevation of Privilege",
}

// threatDragonSeverity maps Threat Dragon's severities; "TBD" and empty are
// not severities and leave the threat unrated.
var threatDragonSeverity = map[string]string{
	"critical": "critical",
	"high":     "high",
	"medium":   "medium",
	"low":      "low",
}

// threagileSeverity maps Threagile's five levels. "elevated" sits between
// medium and high and is rounded up, so that an import never lowers a risk.
var threagileSeverity = map[string]string{
	"critical": "critical",
	"high":     "high",
	"elevated": "high",
	"medium":   "medium",
	"low":      "low",
}

// otmImpactSeverity turns an OTM impact (0 to 100) into a severity. The
// bands are centred on the values the export writes (100, 75, 50, 25, 0), so
// an exported severity comes back unchanged.
func otmImpactSeverity(impact float64) string {
	switch {
	case impact >= 87.5:
		return "critical"
	case impact >= 62.5:
		return "high"
	case impact >= 37.5:
		return "medium"
	case impact >= 12.5:
		return "low"
	}
	return "info"
}

// otmSeverityImpact is the impact the export writes for each severity.
var otmSeverityImpact = map[string]float64{
	"critical": 100, "high": 75, "medium": 50, "low": 25, "info": 0,
}

// threatState is what a source says about a threat, reduced to what tms can
// act on. None of these is taken over by itself: tms records a threat as
// answered only through an implemented mitigation or an acceptance by a
// named person.
type threatState int

const (
	stateOpen threatState = iota
	stateMitigated
	stateAccepted
	stateNotApplicable
	stateUnknown
)

// otmThreatState maps threat instance states (IriusRisk's and the OTM
// specification's examples).
var otmThreatState = map[string]threatState{
	"expose": stateOpen, "exposed": stateOpen, "open": stateOpen, "new": stateOpen,
	"mitigate": stateMitigated, "mitigated": stateMitigated,
	"partlymitigate": stateMitigated, "partlymitigated": stateMitigated,
	"partiallymitigated": stateMitigated,
	"accept":             stateAccepted, "accepted": stateAccepted,
	"na": stateNotApplicable, "notapplicable": stateNotApplicable,
	"hidden": stateNotApplicable,
}

// threatDragonState maps Threat Dragon's threat statuses.
var threatDragonState = map[string]threatState{
	"open":          stateOpen,
	"mitigated":     stateMitigated,
	"notapplicable": stateNotApplicable,
	"na":            stateNotApplicable,
}

// otmMitigationStatus maps mitigation instance states (IriusRisk's
// countermeasure states) to tms statuses; "" means the mitigation was turned
// down and is not imported as an answer. "implemented" still needs a person
// and evidence, checked by the importer.
var otmMitigationStatus = map[string]string{
	"implemented":   "implemented",
	"required":      "planned",
	"planned":       "planned",
	"recommended":   "proposed",
	"proposed":      "proposed",
	"rejected":      "",
	"notapplicable": "",
	"na":            "",
}

// otmMitigationState is the state the export writes for each tms status.
var otmMitigationState = map[string]string{
	"implemented": "implemented",
	"planned":     "required",
	"proposed":    "recommended",
}

// Threagile's risk_tracking statuses.
const (
	trackUnchecked     = "unchecked"
	trackInDiscussion  = "in-discussion"
	trackAccepted      = "accepted"
	trackInProgress    = "in-progress"
	trackMitigated     = "mitigated"
	trackFalsePositive = "false-positive"
)

// statusRank orders mitigation statuses from least to most trusted.
var statusRank = map[string]int{"proposed": 0, "planned": 1, "implemented": 2}

// leastTrusted returns the less trusted of two mitigation statuses.
func leastTrusted(a, b string) string {
	if statusRank[b] < statusRank[a] {
		return b
	}
	return a
}

// key normalises a vocabulary word: "Information disclosure",
// "information-disclosure" and "InformationDisclosure" are one key.
func key(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// literal turns an id into a glob that matches exactly that id, escaping the
// characters doublestar gives a meaning.
func literal(id string) string {
	var b strings.Builder
	for _, r := range id {
		if strings.ContainsRune(`\*?[]{}`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// severities are tms's severities, most severe first.
var severities = []string{"critical", "high", "medium", "low", "info"}

// stride maps category names to STRIDE. A threat that names no STRIDE
// category gets none, never a guessed one; both that and the names that are
// not STRIDE are reported.
func (b *builder) stride(n *yaml.Node, what string, names []string) []string {
	out := []string{}
	var other []string
	for _, name := range names {
		if s, ok := strideByName[key(name)]; ok {
			out = appendNew(out, s)
		} else if strings.TrimSpace(name) != "" {
			other = append(other, strconv.Quote(name))
		}
	}
	switch {
	case len(out) == 0 && len(other) == 0:
		b.report(n, what, "names no STRIDE category; stride left empty")
	case len(out) == 0:
		b.report(n, what, "names no STRIDE category (only %s); stride left empty",
			strings.Join(other, ", "))
	case len(other) == 1:
		b.report(n, what, "category %s is not STRIDE; not kept", other[0])
	case len(other) > 1:
		b.report(n, what, "categories %s are not STRIDE; not kept", strings.Join(other, ", "))
	}
	return out
}
