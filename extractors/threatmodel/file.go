package threatmodel

// The file's own shape: the model without the Locations that the loader
// derives, and without empty strings, which the loader reads back as empty.
// Lists are always written, as [] when empty, so a reader sees them.
type fileModel struct {
	Version     int              `json:"version"`
	Components  []fileComponent  `json:"components,omitempty"`
	Boundaries  []fileBoundary   `json:"boundaries,omitempty"`
	Surface     []fileSurface    `json:"surface"`
	Threats     []fileThreat     `json:"threats"`
	Mitigations []fileMitigation `json:"mitigations"`
	Acceptances []fileAcceptance `json:"acceptances"`
}

type fileComponent struct {
	ID      string   `json:"id" yaml:"id"`
	Title   string   `json:"title,omitempty" yaml:"title,omitempty"`
	Surface []string `json:"surface" yaml:"surface"`
}

type fileBoundary struct {
	ID        string   `json:"id" yaml:"id"`
	Title     string   `json:"title,omitempty" yaml:"title,omitempty"`
	From      string   `json:"from,omitempty" yaml:"from,omitempty"`
	To        string   `json:"to,omitempty" yaml:"to,omitempty"`
	CrossedBy []string `json:"crossed_by" yaml:"crossed_by"`
}

type fileSurface struct {
	ID          string `json:"id" yaml:"id"`
	Kind        string `json:"kind,omitempty" yaml:"kind,omitempty"`
	Status      string `json:"status,omitempty" yaml:"status,omitempty"`
	ReviewedBy  string `json:"reviewed_by,omitempty" yaml:"reviewed_by,omitempty"`
	Exposure    string `json:"exposure,omitempty" yaml:"exposure,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty" yaml:"fingerprint,omitempty"`
}

type fileThreat struct {
	ID          string   `json:"id" yaml:"id"`
	Title       string   `json:"title" yaml:"title"`
	Description string   `json:"description,omitempty" yaml:"description,omitempty"`
	Stride      []string `json:"stride" yaml:"stride"`
	Severity    string   `json:"severity,omitempty" yaml:"severity,omitempty"`
	AppliesTo   []string `json:"applies_to" yaml:"applies_to"`
	Status      string   `json:"status,omitempty" yaml:"status,omitempty"`
	ReviewedBy  string   `json:"reviewed_by,omitempty" yaml:"reviewed_by,omitempty"`
}

type fileMitigation struct {
	ID        string   `json:"id" yaml:"id"`
	Title     string   `json:"title" yaml:"title"`
	Mitigates []string `json:"mitigates" yaml:"mitigates"`
	Covers    []string `json:"covers" yaml:"covers"`
	Evidence  []string `json:"evidence,omitempty" yaml:"evidence,omitempty"`
	Status    string   `json:"status,omitempty" yaml:"status,omitempty"`
	Control   string   `json:"control,omitempty" yaml:"control,omitempty"`
}

type fileAcceptance struct {
	ID          string `json:"id" yaml:"id"`
	Threat      string `json:"threat,omitempty" yaml:"threat,omitempty"`
	Surface     string `json:"surface,omitempty" yaml:"surface,omitempty"`
	Reason      string `json:"reason,omitempty" yaml:"reason,omitempty"`
	ApprovedBy  string `json:"approved_by,omitempty" yaml:"approved_by,omitempty"`
	Expires     string `json:"expires,omitempty" yaml:"expires,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty" yaml:"fingerprint,omitempty"`
}

func toFile(m *Model) fileModel {
	file := fileModel{
		Version:     m.Version,
		Surface:     make([]fileSurface, 0, len(m.Surface)),
		Threats:     make([]fileThreat, 0, len(m.Threats)),
		Mitigations: make([]fileMitigation, 0, len(m.Mitigations)),
		Acceptances: make([]fileAcceptance, 0, len(m.Acceptances)),
	}
	for _, c := range m.Components {
		file.Components = append(file.Components, fileComponent{
			ID: c.ID, Title: c.Title, Surface: orEmpty(c.Surface),
		})
	}
	for _, b := range m.Boundaries {
		file.Boundaries = append(file.Boundaries, fileBoundary{
			ID: b.ID, Title: b.Title, From: b.From, To: b.To, CrossedBy: orEmpty(b.CrossedBy),
		})
	}
	for _, s := range m.Surface {
		file.Surface = append(file.Surface, fileSurface{
			ID: s.ID, Kind: s.Kind, Status: s.Status, ReviewedBy: s.ReviewedBy,
			Exposure: s.Exposure, Fingerprint: s.Fingerprint,
		})
	}
	for _, t := range m.Threats {
		file.Threats = append(file.Threats, fileThreat{
			ID: t.ID, Title: t.Title, Description: t.Description,
			Stride: orEmpty(t.Stride), Severity: t.Severity, AppliesTo: orEmpty(t.AppliesTo),
			Status: t.Status, ReviewedBy: t.ReviewedBy,
		})
	}
	for _, mit := range m.Mitigations {
		file.Mitigations = append(file.Mitigations, fileMitigation{
			ID: mit.ID, Title: mit.Title, Mitigates: orEmpty(mit.Mitigates),
			Covers: orEmpty(mit.Covers), Evidence: orEmpty(mit.Evidence), Status: mit.Status,
			Control: mit.Control,
		})
	}
	for _, a := range m.Acceptances {
		file.Acceptances = append(file.Acceptances, fileAcceptance{
			ID: a.ID, Threat: a.Threat, Surface: a.Surface, Reason: a.Reason,
			ApprovedBy: a.ApprovedBy, Expires: a.Expires, Fingerprint: a.Fingerprint,
		})
	}
	return file
}

// orEmpty makes a nil list an empty one, so that JSON shows [] and not null.
func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
