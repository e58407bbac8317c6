package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

// A valid acceptance makes the rules stay silent about what it accepts
// (lib.answered), so its findings never reach the report. Code scanning
// and JSON readers should still see them, as suppressed by the person who
// accepted the risk. The rules decide which acceptances count (an
// approver, no expiry, an unchanged item), so rather than repeat that in
// Go, the findings are recovered by evaluating the input again without
// the acceptances: whatever appears then was hidden by one of them.

// acceptedFindings returns the findings that the model's acceptances hid,
// settled by the configuration, each with its action and a suppression
// naming the acceptance. reported are the findings of the run with them.
func (e *Engine) acceptedFindings(ctx context.Context, c Config, in *Input,
	reported []Finding) ([]Finding, error) {
	acceptances := in.Model.Acceptances
	if len(acceptances) == 0 {
		return nil, nil
	}
	seen := findingKeys(reported)
	hidden, err := e.hiddenBy(ctx, c, in, acceptances, seen)
	if err != nil || len(hidden) == 0 {
		return nil, err
	}

	by, err := e.attribute(ctx, c, in, hidden, seen)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, f := range hidden {
		if a, ok := by[keyOf(f)]; ok {
			// A folded reason (reason: >) ends in a newline that is no part of it.
			a.Reason = strings.TrimSpace(a.Reason)
			f.Suppression = &Suppression{Reason: a.Reason, Acceptance: &a}
			out = append(out, f)
		}
	}
	// The configuration applies as to any finding: one it disables stays
	// out, and a severity it sets gives the action.
	kept, _, _ := e.settle(c, out)
	t := e.thresholds(c)
	for i := range kept {
		kept[i].Action = t.action(kept[i])
	}
	SortFindings(kept)
	return kept, nil
}

// hiddenBy evaluates in without the given acceptances and returns the
// findings that were not among seen.
func (e *Engine) hiddenBy(ctx context.Context, c Config, in *Input,
	without []threatmodel.Acceptance, seen map[findingKey]bool) ([]Finding, error) {
	drop := map[string]bool{}
	for _, a := range without {
		drop[a.ID] = true
	}
	findings, err := e.Evaluate(ctx, withoutAcceptances(in, drop), c.Timeout)
	if err != nil {
		return nil, fmt.Errorf("evaluate without the acceptances: %w", err)
	}
	var hidden []Finding
	for _, f := range findings {
		if !seen[keyOf(f)] {
			hidden = append(hidden, f)
		}
	}
	return hidden, nil
}

// attribute finds the acceptance that hid each finding. The library's
// rules stay silent for an acceptance of the finding's surface or subject,
// or of the threat a finding is about, so those are its candidates, found
// by id. A finding with one candidate needs nothing more; only when several
// could have hidden it (an expired acceptance beside its renewal) is the
// input evaluated again without each of those, so the cost grows with the
// ambiguous acceptances rather than with every acceptance in the model. A
// finding with no candidate (a team rule reading acceptances its own way)
// is left out, since its suppression could not say who accepted it.
func (e *Engine) attribute(ctx context.Context, c Config, in *Input, hidden []Finding,
	seen map[findingKey]bool) (map[findingKey]threatmodel.Acceptance, error) {
	acceptances := in.Model.Acceptances
	by := map[findingKey]threatmodel.Acceptance{}
	if len(acceptances) == 1 {
		for _, f := range hidden {
			by[keyOf(f)] = acceptances[0]
		}
		return by, nil
	}

	candidates := candidateIndex(acceptances)
	contested := map[string]bool{}
	for _, f := range hidden {
		switch found := candidates.of(f); len(found) {
		case 0:
		case 1:
			by[keyOf(f)] = found[0]
		default:
			for _, a := range found {
				contested[a.ID] = true
			}
		}
	}

	for _, a := range acceptances {
		if !contested[a.ID] {
			continue
		}
		back, err := e.hiddenBy(ctx, c, in, []threatmodel.Acceptance{a}, seen)
		if err != nil {
			return nil, err
		}
		for _, f := range back {
			if _, done := by[keyOf(f)]; !done {
				by[keyOf(f)] = a
			}
		}
	}
	return by, nil
}

// acceptancesByTarget indexes acceptances by the surface or threat id they
// name, in model order.
type acceptancesByTarget map[string][]threatmodel.Acceptance

func candidateIndex(acceptances []threatmodel.Acceptance) acceptancesByTarget {
	index := acceptancesByTarget{}
	for _, a := range acceptances {
		if target := a.Surface + a.Threat; target != "" {
			index[target] = append(index[target], a)
		}
	}
	return index
}

// of returns the acceptances that name the finding's surface or subject,
// each once.
func (x acceptancesByTarget) of(f Finding) []threatmodel.Acceptance {
	found := x[f.Surface]
	if f.Subject != f.Surface {
		found = append(slices.Clone(found), x[f.Subject]...)
	}
	return found
}

// withoutAcceptances copies in with the acceptances whose ids are in drop
// removed from the model, and from the base's model, so that rules that
// compare the two see no acceptance edit.
func withoutAcceptances(in *Input, drop map[string]bool) *Input {
	out := *in
	out.Model = modelWithout(in.Model, drop)
	if in.Base != nil {
		base := *in.Base
		base.Model = modelWithout(in.Base.Model, drop)
		out.Base = &base
	}
	return &out
}

func modelWithout(m *threatmodel.Model, drop map[string]bool) *threatmodel.Model {
	if m == nil {
		return nil
	}
	out := *m
	out.Acceptances = []threatmodel.Acceptance{}
	for _, a := range m.Acceptances {
		if !drop[a.ID] {
			out.Acceptances = append(out.Acceptances, a)
		}
	}
	return &out
}
