package engine

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// DefaultMaxAcceptanceDays is how far ahead an acceptance may expire unless
// .tms.yaml says otherwise: long enough for a planned fix, short enough that
// someone looks again.
const DefaultMaxAcceptanceDays = 180

// AcceptRequest is a person's decision to accept the risk of a threat or a
// surface item until a date.
type AcceptRequest struct {
	Target     string // a threat id from the model or a surface item id
	Reason     string
	ApprovedBy string
	Expires    string // YYYY-MM-DD
	MaxDays    int
	Today      time.Time
}

// NewAcceptance checks the request against the model and the surface as it is
// now, and returns the acceptance to record. A surface acceptance is bound to
// the item's fingerprint, so it lapses when the item changes.
func NewAcceptance(in *Input, req AcceptRequest) (threatmodel.Acceptance, error) {
	a := threatmodel.Acceptance{
		ID:         nextAcceptanceID(in.Model),
		Reason:     strings.TrimSpace(req.Reason),
		ApprovedBy: strings.TrimSpace(req.ApprovedBy),
		Expires:    req.Expires,
	}
	if err := checkAcceptance(a, req); err != nil {
		return a, err
	}

	if hasThreat(in.Model, req.Target) {
		a.Threat = req.Target
		return a, nil
	}
	for _, item := range in.Surface {
		if item.ID == req.Target {
			a.Surface = item.ID
			a.Fingerprint = item.SecurityFingerprint()
			return a, nil
		}
	}
	return a, fmt.Errorf("%s is neither a threat in the model nor a surface item in the repository "+
		"(tms input lists the surface ids)", req.Target)
}

func checkAcceptance(a threatmodel.Acceptance, req AcceptRequest) error {
	var problems []string
	if a.ApprovedBy == "" {
		problems = append(problems, "--approved-by is required: a person must own the risk")
	}
	if a.Reason == "" {
		problems = append(problems, "--reason is required")
	}
	if err := checkExpiry(req); err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func checkExpiry(req AcceptRequest) error {
	expires, err := time.Parse(time.DateOnly, req.Expires)
	if err != nil {
		return fmt.Errorf("--expires %q: expected a date as YYYY-MM-DD", req.Expires)
	}
	today := req.Today.UTC().Truncate(24 * time.Hour)
	latest := today.AddDate(0, 0, req.MaxDays)
	switch {
	case expires.Before(today):
		return fmt.Errorf("--expires %s is in the past", req.Expires)
	case expires.After(latest):
		return fmt.Errorf("--expires %s is more than %d days ahead (at most %s; "+
			"max_acceptance_days in .tms.yaml sets the limit)", req.Expires, req.MaxDays,
			latest.Format(time.DateOnly))
	}
	return nil
}

func hasThreat(m *threatmodel.Model, id string) bool {
	for _, t := range m.Threats {
		if t.ID == id {
			return true
		}
	}
	return false
}

// nextAcceptanceID numbers acceptances, ... after the highest used.
func nextAcceptanceID(m *threatmodel.Model) string {
	used := map[string]bool{}
	for _, a := range m.Acceptances {
		used[a.ID] = true
	}
	for n := len(m.Acceptances) + 1; ; n++ {
		if id := fmt.Sprintf("A-%d", n); !used[id] {
			return id
		}
	}
}
