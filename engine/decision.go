package engine

// Action is what CI does with a finding.
type Action string

// The actions, from least to most severe.
const (
	ActionInfo  Action = "info"
	ActionWarn  Action = "warn"
	ActionBlock Action = "block"
)

var actionRank = map[Action]int{ActionInfo: 0, ActionWarn: 1, ActionBlock: 2}

// Decision is the verdict of a run: block when any finding blocks, warn when
// any warns, pass otherwise.
type Decision string

// The decisions.
const (
	DecisionPass  Decision = "pass"
	DecisionWarn  Decision = "warn"
	DecisionBlock Decision = "block"
)

// Thresholds map severities to actions.
type Thresholds struct {
	FailOn           Severity // block at this severity and above
	WarnOn           Severity // warn at this severity and above, below FailOn
	FailOnNewSurface bool     // block every new-surface finding, whatever its severity
	// Actions override FailOn and WarnOn for the severities they name.
	Actions map[Severity]Handling
	// Floor names the rules whose findings are never decided more leniently
	// than the default thresholds would decide them, whatever FailOn, WarnOn
	// and Actions say: the organisation bundle rules a repository may not
	// weaken.
	Floor map[string]bool
}

// Report is the outcome of a run, the single source of every output format.
type Report struct {
	Decision Decision  `json:"decision"`
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
	// Suppressed are the findings that .tms.yaml disabled or exempted, and
	// those a valid acceptance in the threat model hid, kept so that SARIF
	// and JSON can show them as suppressed rather than drop them; the other
	// formats only count those of .tms.yaml (Summary.Suppressed). In
	// pull-request mode they include those the merge base had too.
	Suppressed []Finding `json:"suppressed,omitempty"`
	// Preexisting are, in pull-request mode, the findings the merge base
	// had too, each with the action it would have had; they decide
	// nothing. SARIF and Code Quality list them, since code scanning and
	// GitLab compare with the base branch themselves and would otherwise
	// show them as fixed; the other formats only count them.
	Preexisting []Finding `json:"preexisting,omitempty"`
	// NewSurface are the items the new-surface findings are about, which
	// the Markdown report lists and draws.
	NewSurface []SurfaceRef `json:"new_surface,omitempty"`
}

// Summary counts what a run saw and decided.
type Summary struct {
	Block             int              `json:"block"`
	Warn              int              `json:"warn"`
	Info              int              `json:"info"`
	BySeverity        map[Severity]int `json:"by_severity"`
	Suppressed        int              `json:"suppressed"`
	Preexisting       int              `json:"preexisting"` // with --base: findings the base had too
	Rules             int              `json:"rules"`
	Surface           int              `json:"surface"`
	NewSurface        int              `json:"new_surface"`
	UnreviewedSurface int              `json:"unreviewed_surface"`
	Threats           int              `json:"threats"`
	UnreviewedThreats int              `json:"unreviewed_threats"`
	// Bundles are the organisation bundles the run was evaluated with, and
	// Overrides the repository settings that weakened their rules.
	Bundles   []BundleInfo `json:"bundles,omitempty"`
	Overrides []Override   `json:"overrides,omitempty"`
}

// Decide assigns each finding its action and sums up the run.
func Decide(findings []Finding, t Thresholds, in *Input, rules int) Report {
	r := Report{Decision: DecisionPass, Findings: findings, Summary: summarize(in, rules)}
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Action = t.action(*f)
		f.Ticket = t.Actions[f.Severity] == HandleTicket
		r.count(*f)
	}
	SortFindings(r.Findings)
	return r
}

func (t Thresholds) action(f Finding) Action {
	a := t.ownAction(f)
	if !t.Floor[f.Rule] {
		return a
	}
	if d := DefaultConfig().Thresholds().ownAction(f); actionRank[d] > actionRank[a] {
		return d
	}
	return a
}

// ownAction is the action that FailOn, WarnOn and Actions give a finding.
func (t Thresholds) ownAction(f Finding) Action {
	if handling, ok := t.Actions[f.Severity]; ok && !(t.FailOnNewSurface && f.NewSurface) {
		return handlingActions[handling]
	}
	switch {
	case f.Severity.AtLeast(t.FailOn), t.FailOnNewSurface && f.NewSurface:
		return ActionBlock
	case f.Severity.AtLeast(t.WarnOn):
		return ActionWarn
	}
	return ActionInfo
}

func (r *Report) count(f Finding) {
	r.Summary.BySeverity[f.Severity]++
	if f.NewSurface {
		r.Summary.NewSurface++
	}
	switch f.Action {
	case ActionBlock:
		r.Summary.Block++
		r.Decision = DecisionBlock
	case ActionWarn:
		r.Summary.Warn++
		if r.Decision == DecisionPass {
			r.Decision = DecisionWarn
		}
	default:
		r.Summary.Info++
	}
}

func summarize(in *Input, rules int) Summary {
	s := Summary{
		BySeverity: map[Severity]int{},
		Rules:      rules,
		Surface:    len(in.Surface),
		Threats:    len(in.Model.Threats),
	}
	for _, e := range in.Model.Surface {
		if e.Status == "unreviewed" {
			s.UnreviewedSurface++
		}
	}
	for _, t := range in.Model.Threats {
		if t.Status != "reviewed" {
			s.UnreviewedThreats++
		}
	}
	return s
}
