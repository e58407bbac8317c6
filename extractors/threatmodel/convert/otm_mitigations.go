package convert

import (
	"cmp"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// readMitigations imports the mitigations the document defines. A
// mitigation answers the threats whose instances name it, on those
// instances' elements, with the least trusted of the states it has there.
func (r *otmReader) readMitigations(root *fields) {
	uses := r.mitigationUses()
	defined := map[string]bool{}
	for _, n := range r.section(root, "mitigations") {
		f := r.b.fields(n, "mitigation")
		id := f.text("id")
		if id == "" {
			r.b.report(n, "mitigation", "has no id; not imported")
			continue
		}
		defined[id] = true
		r.readMitigation(n, f, id, uses[id])
	}

	for _, inst := range r.instances {
		for _, u := range inst.mitigations {
			if !defined[u.id] && r.b.threat(inst.threat) != nil {
				r.b.report(u.at, inst.element, "a mitigation instance names mitigation %q, "+
					"which the document does not define; not imported", u.id)
			}
		}
	}
}

// otmUse is a mitigation instance with the threat instance it sits in.
type otmUse struct {
	inst *otmInstance
	use  otmMitigationUse
}

// mitigationUses indexes the mitigation instances of imported threats by
// mitigation id.
func (r *otmReader) mitigationUses() map[string][]otmUse {
	uses := map[string][]otmUse{}
	for i := range r.instances {
		inst := &r.instances[i]
		if r.b.threat(inst.threat) == nil {
			continue
		}
		for _, u := range inst.mitigations {
			uses[u.id] = append(uses[u.id], otmUse{inst: inst, use: u})
		}
	}
	return uses
}

func (r *otmReader) readMitigation(n *yaml.Node, f *fields, id string, uses []otmUse) {
	what := quoted("mitigation", id)
	f.describing(what)
	attrs := r.b.attributes(f)
	status, kept := r.instanceStatus(what, uses)
	if attrs.has(attrStatus) {
		v := attrs.text(attrStatus)
		if _, ok := statusRank[v]; ok {
			status = leastTrusted(cmp.Or(status, v), v)
		} else {
			r.b.report(attrs[attrStatus], what, "%s %q is not a mitigation status; ignored",
				attrStatus, v)
		}
	}
	if status == "" {
		if len(uses) > 0 {
			return // every instance turned it down, and each was reported
		}
		status = "proposed"
	}

	m := threatmodel.Mitigation{
		ID:        id,
		Title:     cmp.Or(f.text("name"), id),
		Mitigates: []string{},
		Covers:    []string{},
		Evidence:  r.b.globs(attrs, attrEvidence, what),
		Status:    status,
	}
	for _, u := range kept {
		m.Mitigates = appendNew(m.Mitigates, u.inst.threat)
		m.Covers = appendNew(m.Covers, literal(u.inst.surface))
	}
	if attrs.has(attrMitigates) {
		m.Mitigates = attrs.list(attrMitigates)
	}
	if attrs.has(attrCovers) {
		m.Covers = r.b.globs(attrs, attrCovers, what)
	}
	m.Control = r.control(attrs, what)
	if len(m.Mitigates) == 0 {
		r.b.report(n, what, "answers no threat in the source; imported as %s", m.Status)
	}
	r.checkImplemented(n, what, &m)
	r.b.addMitigation(n, what, m)
}

// control reads the control tms checks for the mitigation; one tms does not
// know is reported and left out, since the model would not load with it.
func (r *otmReader) control(attrs attributes, what string) string {
	control := attrs.text(attrControl)
	if control != "" && !threatmodel.KnownControl(control) {
		r.b.report(attrs[attrControl], what, "%s %q is not a control tms checks; ignored",
			attrControl, control)
		return ""
	}
	return control
}

// instanceStatus maps the states of a mitigation's instances, leaving out
// those that turned it down. It returns "" when no instance counts.
func (r *otmReader) instanceStatus(what string, uses []otmUse) (string, []otmUse) {
	status := ""
	var kept []otmUse
	for _, u := range uses {
		v, known := otmMitigationStatus[key(u.use.state)]
		switch {
		case !known:
			r.b.report(u.use.at, what, "state %q on %s is not one tms knows; read as proposed",
				u.use.state, u.inst.element)
			v = "proposed"
		case v == "":
			r.b.report(u.use.at, what, "state %q on %s: turned down in the source; "+
				"not imported as an answer to threat %q", u.use.state, u.inst.element, u.inst.threat)
			continue
		}
		status = leastTrusted(cmp.Or(status, v), v)
		kept = append(kept, u)
	}
	return status, kept
}

// checkImplemented keeps "implemented" only when the source names evidence
// in the repository and a person: the reviewer of a threat it answers.
func (r *otmReader) checkImplemented(n *yaml.Node, what string, m *threatmodel.Mitigation) {
	if m.Status != "implemented" {
		return
	}
	person := ""
	for _, id := range m.Mitigates {
		if t := r.b.threat(id); t != nil && t.Status == "reviewed" && t.ReviewedBy != "" {
			person = t.ReviewedBy
			break
		}
	}
	var missing string
	switch {
	case len(m.Evidence) == 0 && person == "":
		missing = "no evidence in the repository (" + attrEvidence + ") and no person"
	case len(m.Evidence) == 0:
		missing = "no evidence in the repository (" + attrEvidence + ")"
	case person == "":
		missing = "no person (a reviewer of a threat it answers)"
	default:
		return
	}
	m.Status = "proposed"
	r.b.report(n, what, "implemented in the source, which names %s; imported as proposed", missing)
}

// acceptance imports the acceptance the tms export wrote on a threat or an
// element, when it names both an approver and a reason.
func (r *otmReader) acceptance(attrs attributes, what, threat, surface string) {
	keys := []string{attrAcceptID, attrAcceptBy, attrAcceptReason, attrAcceptExpires}
	at := (*yaml.Node)(nil)
	for _, k := range keys {
		at = cmp.Or(at, attrs[k])
	}
	if at == nil {
		return
	}

	a := threatmodel.Acceptance{
		ID:         cmp.Or(attrs.text(attrAcceptID), "A-"+cmp.Or(threat, surface)),
		Threat:     threat,
		Surface:    surface,
		Reason:     attrs.text(attrAcceptReason),
		ApprovedBy: attrs.text(attrAcceptBy),
		Expires:    attrs.text(attrAcceptExpires),
	}
	if a.ApprovedBy == "" || a.Reason == "" {
		r.b.report(at, what, "an acceptance without an approver and a reason; not imported")
		return
	}
	if a.Expires != "" && !validDate(a.Expires) {
		r.b.report(attrs[attrAcceptExpires], what, "acceptance expiry %q is not a date "+
			"(YYYY-MM-DD); left empty, so tms eval asks for one", a.Expires)
		a.Expires = ""
	}
	if v := attrs.text(attrAcceptFingerprint); surface != "" && validFingerprint(v) {
		a.Fingerprint = v
	}
	r.b.addAcceptance(at, what, a)
}

// reportStates reports the threat instance states that the import did not
// take over: tms records a threat as answered only through an implemented
// mitigation or an acceptance by a named person.
func (r *otmReader) reportStates() {
	implemented := map[string]bool{}
	for _, m := range r.b.model.Mitigations {
		if m.Status == "implemented" {
			for _, id := range m.Mitigates {
				implemented[id] = true
			}
		}
	}
	accepted := r.b.acceptedThreats()

	for _, inst := range r.instances {
		if r.b.threat(inst.threat) == nil {
			continue
		}
		what := fmt.Sprintf("threat %q on %s", inst.threat, inst.element)
		state, known := otmThreatState[key(inst.state)]
		switch {
		case !known:
			r.b.report(inst.at, what, "state %q is not one tms knows; read as open", inst.state)
		case state == stateMitigated && !implemented[inst.threat]:
			r.b.report(inst.at, what, "state %q in the source, but no mitigation of it was "+
				"imported as implemented; it stays open in tms", inst.state)
		case state == stateAccepted && !accepted[inst.threat]:
			r.b.report(inst.at, what, "state %q in the source names no approver; "+
				"not imported as an acceptance", inst.state)
		case state == stateNotApplicable:
			r.b.report(inst.at, what, "state %q has no tms equivalent; the threat is kept open",
				inst.state)
		}
	}
}
