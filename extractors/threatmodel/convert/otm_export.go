package convert

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// OTMVersion is the version of the OTM specification the export follows.
const OTMVersion = "0.2.0"

// The OTM document the export writes. Fields OTM requires are always
// written; tms's own fields travel in attributes (see otm_attrs.go).
type (
	otmDocument struct {
		OTMVersion      string          `json:"otmVersion"`
		Project         otmProject      `json:"project"`
		Representations []struct{}      `json:"representations"`
		TrustZones      []otmTrustZone  `json:"trustZones"`
		Components      []otmComponent  `json:"components"`
		Dataflows       []struct{}      `json:"dataflows"`
		Threats         []otmThreat     `json:"threats"`
		Mitigations     []otmMitigation `json:"mitigations"`
	}
	otmProject struct {
		Name        string `json:"name"`
		ID          string `json:"id"`
		Description string `json:"description"`
	}
	otmTrustZone struct {
		ID          string            `json:"id"`
		Name        string            `json:"name"`
		Description string            `json:"description"`
		Risk        otmTrustRisk      `json:"risk"`
		Attributes  map[string]string `json:"attributes"`
	}
	otmTrustRisk struct {
		TrustRating float64 `json:"trustRating"`
	}
	otmComponent struct {
		ID         string              `json:"id"`
		Name       string              `json:"name"`
		Type       string              `json:"type"`
		Parent     otmParent           `json:"parent"`
		Threats    []otmThreatInstance `json:"threats"`
		Attributes map[string]string   `json:"attributes"`
	}
	otmParent struct {
		TrustZone string `json:"trustZone"`
	}
	otmThreatInstance struct {
		Threat      string                  `json:"threat"`
		State       string                  `json:"state"`
		Mitigations []otmMitigationInstance `json:"mitigations"`
	}
	otmMitigationInstance struct {
		Mitigation string `json:"mitigation"`
		State      string `json:"state"`
	}
	otmThreat struct {
		ID          string            `json:"id"`
		Name        string            `json:"name"`
		Description string            `json:"description,omitempty"`
		Categories  []string          `json:"categories"`
		Risk        otmThreatRisk     `json:"risk"`
		Attributes  map[string]string `json:"attributes"`
	}
	otmThreatRisk struct {
		Likelihood *float64 `json:"likelihood"` // tms does not rate likelihood
		Impact     float64  `json:"impact"`
	}
	otmMitigation struct {
		ID            string            `json:"id"`
		Name          string            `json:"name"`
		RiskReduction float64           `json:"riskReduction"`
		Attributes    map[string]string `json:"attributes"`
	}
)

// The trust zones the export groups components in, by recorded exposure.
// Unknown exposure is treated as public, as the policies treat it.
var otmZones = []otmTrustZone{
	{ID: "tms-public", Name: "Public",
		Description: "Surface tms recorded as exposed to the internet"},
	{ID: "tms-internal", Name: "Internal", Description: "Surface tms recorded as internal",
		Risk: otmTrustRisk{TrustRating: 50}},
	{ID: "tms-unknown", Name: "Exposure unknown",
		Description: "Surface whose exposure tms could not tell; treated as public"},
}

// ExportOTM writes m as an OTM JSON document named project. Surface entries
// become components, in trust zones by exposure; threats and mitigations
// keep their ids and are attached to the components their globs match. What
// OTM cannot hold is returned as Unmapped entries.
func ExportOTM(m *threatmodel.Model, project string) ([]byte, []Unmapped, error) {
	e := &exporter{model: m, threatAcceptance: map[string]int{}, surfaceAcceptance: map[string]int{}}
	e.indexAcceptances()
	e.skipGroups()
	doc := otmDocument{
		OTMVersion:      OTMVersion,
		Project:         otmProject{Name: project, ID: project, Description: "Exported by tms"},
		Representations: []struct{}{},
		Components:      e.components(),
		Dataflows:       []struct{}{},
		Threats:         e.threats(),
		Mitigations:     e.mitigations(),
	}
	doc.TrustZones = e.zones()
	e.skipUnlistedAcceptances()

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, nil, fmt.Errorf("export otm: %w", err)
	}
	slices.SortStableFunc(e.skipped, func(a, b Unmapped) int { return cmp.Compare(a.Line, b.Line) })
	return buf.Bytes(), e.skipped, nil
}

type exporter struct {
	model             *threatmodel.Model
	threatAcceptance  map[string]int // threat id → index of its acceptance
	surfaceAcceptance map[string]int // surface id → index of its acceptance
	zonesUsed         map[string]bool
	skipped           []Unmapped
}

func (e *exporter) skip(loc, what, why string, line int) {
	e.skipped = append(e.skipped, Unmapped{Path: loc, Line: line, What: what, Why: why})
}

// indexAcceptances keeps the first acceptance of each threat and surface
// item: OTM attributes hold one.
func (e *exporter) indexAcceptances() {
	for i, a := range e.model.Acceptances {
		index, subject := e.threatAcceptance, a.Threat
		if a.Surface != "" {
			index, subject = e.surfaceAcceptance, a.Surface
		}
		if _, dup := index[subject]; dup {
			e.skip(a.Location.Path, quoted("acceptance", a.ID), "OTM attributes hold one "+
				"acceptance per threat or element, and an earlier one is exported; not exported",
				a.Location.Line)
			continue
		}
		index[subject] = i
	}
}

// skipGroups reports the model's components and trust boundaries: OTM's
// components are the elements tms keeps as surface, and its trust zones are
// areas rather than the crossings tms records, so neither has a place.
func (e *exporter) skipGroups() {
	for _, c := range e.model.Components {
		e.skip(c.Location.Path, quoted("component", c.ID), "OTM has no grouping of "+
			"surface like tms components; not exported", c.Location.Line)
	}
	for _, b := range e.model.Boundaries {
		e.skip(b.Location.Path, quoted("boundary", b.ID), "OTM trust zones are areas, "+
			"not the crossings tms records; not exported", b.Location.Line)
	}
}

// skipUnlistedAcceptances reports acceptances of surface the model does not
// list: OTM carries them on the component, and there is none.
func (e *exporter) skipUnlistedAcceptances() {
	listed := map[string]bool{}
	for _, s := range e.model.Surface {
		listed[s.ID] = true
	}
	for i, a := range e.model.Acceptances {
		if a.Surface != "" && !listed[a.Surface] && e.surfaceAcceptance[a.Surface] == i {
			e.skip(a.Location.Path, quoted("acceptance", a.ID), fmt.Sprintf("accepts surface "+
				"%q, which the model does not list, and OTM carries an acceptance on the "+
				"element; not exported", a.Surface), a.Location.Line)
		}
	}
}

func (e *exporter) components() []otmComponent {
	e.zonesUsed = map[string]bool{}
	out := []otmComponent{}
	for _, s := range e.model.Surface {
		exposure := s.Exposure
		if !validExposure(exposure) {
			exposure = "unknown"
		}
		e.zonesUsed[exposure] = true

		attrs := map[string]string{attrSurfaceID: s.ID, attrKind: s.Kind,
			attrExposure: s.Exposure, attrFingerprint: s.Fingerprint,
			attrStatus: s.Status, attrReviewedBy: s.ReviewedBy}
		if i, ok := e.surfaceAcceptance[s.ID]; ok {
			e.acceptanceAttributes(attrs, e.model.Acceptances[i])
		}
		out = append(out, otmComponent{
			ID: s.ID, Name: s.ID, Type: cmp.Or(s.Kind, "tms.surface"),
			Parent:     otmParent{TrustZone: "tms-" + exposure},
			Threats:    e.instances(s.ID),
			Attributes: dropEmpty(attrs),
		})
	}
	return out
}

// instances lists the threats whose applies_to globs match a surface id,
// each with the mitigations that answer it there.
func (e *exporter) instances(surfaceID string) []otmThreatInstance {
	out := []otmThreatInstance{}
	for _, t := range e.model.Threats {
		if !matchesAny(t.AppliesTo, surfaceID) {
			continue
		}
		inst := otmThreatInstance{Threat: t.ID, State: "expose",
			Mitigations: []otmMitigationInstance{}}
		for _, m := range e.model.Mitigations {
			if !slices.Contains(m.Mitigates, t.ID) ||
				(len(m.Covers) > 0 && !matchesAny(m.Covers, surfaceID)) {
				continue
			}
			inst.Mitigations = append(inst.Mitigations, otmMitigationInstance{
				Mitigation: m.ID, State: otmMitigationState[m.Status]})
			if m.Status == "implemented" {
				inst.State = "mitigate"
			}
		}
		if _, ok := e.threatAcceptance[t.ID]; ok {
			inst.State = "accept"
		}
		out = append(out, inst)
	}
	return out
}

func (e *exporter) threats() []otmThreat {
	out := []otmThreat{}
	for _, t := range e.model.Threats {
		categories := []string{}
		for _, s := range t.Stride {
			categories = append(categories, strideOTMName[s])
		}
		attrs := map[string]string{attrSeverity: t.Severity,
			attrAppliesTo: joinLines(t.AppliesTo), attrStatus: t.Status}
		if t.ReviewedBy != "" {
			attrs[attrReviewedBy] = t.ReviewedBy
		}
		if i, ok := e.threatAcceptance[t.ID]; ok {
			e.acceptanceAttributes(attrs, e.model.Acceptances[i])
		}
		impact, rated := otmSeverityImpact[t.Severity]
		if !rated {
			impact = 50 // OTM requires an impact; the severity attribute says it is unset
		}
		out = append(out, otmThreat{
			ID: t.ID, Name: t.Title, Description: t.Description, Categories: categories,
			Risk: otmThreatRisk{Impact: impact}, Attributes: attrs,
		})
	}
	return out
}

func (e *exporter) mitigations() []otmMitigation {
	out := []otmMitigation{}
	for _, m := range e.model.Mitigations {
		attrs := map[string]string{attrStatus: m.Status,
			attrMitigates: joinLines(m.Mitigates), attrCovers: joinLines(m.Covers),
			attrEvidence: joinLines(m.Evidence)}
		if m.Control != "" {
			attrs[attrControl] = m.Control
		}
		out = append(out, otmMitigation{
			ID: m.ID, Name: m.Title,
			// tms does not rate mitigations; 0 claims no reduction.
			RiskReduction: 0,
			Attributes:    attrs,
		})
	}
	return out
}

func (e *exporter) acceptanceAttributes(attrs map[string]string, a threatmodel.Acceptance) {
	attrs[attrAcceptID] = a.ID
	attrs[attrAcceptReason] = a.Reason
	attrs[attrAcceptBy] = a.ApprovedBy
	attrs[attrAcceptExpires] = a.Expires
	if a.Fingerprint != "" {
		attrs[attrAcceptFingerprint] = a.Fingerprint
	}
}

// zones lists the trust zones the components use, in a fixed order.
func (e *exporter) zones() []otmTrustZone {
	out := []otmTrustZone{}
	for _, z := range otmZones {
		exposure := z.ID[len("tms-"):]
		if e.zonesUsed[exposure] {
			z.Attributes = map[string]string{attrExposure: exposure}
			out = append(out, z)
		}
	}
	return out
}

func matchesAny(globs []string, id string) bool {
	for _, g := range globs {
		if matchSurfaceGlob(g, id) {
			return true
		}
	}
	return false
}

// dropEmpty leaves out attributes that are not set.
func dropEmpty(attrs map[string]string) map[string]string {
	for k, v := range attrs {
		if v == "" {
			delete(attrs, k)
		}
	}
	return attrs
}
