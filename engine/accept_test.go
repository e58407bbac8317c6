package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

func TestNewAcceptance(t *testing.T) {
	port := extractors.Item{ID: "container.port:api/Dockerfile#8080/tcp", Kind: "container.port",
		Exposure: extractors.ExposureUnknown}
	in := &Input{
		Surface: []extractors.Item{port},
		Model: &threatmodel.Model{
			Threats:     []threatmodel.Threat{{ID: "T-1"}},
			Acceptances: []threatmodel.Acceptance{{ID: "A-1"}, {ID: "A-3"}},
		},
	}
	// An afternoon in UTC: the limit counts from the day, not the hour.
	today := time.Date(2026, 6, 1, 15, 30, 0, 0, time.UTC)
	request := func(target, expires string) AcceptRequest {
		return AcceptRequest{Target: target, Reason: " internal only ", ApprovedBy: " carol ",
			Expires: expires, MaxDays: 30, Today: today}
	}
	tests := []struct {
		name string
		req  AcceptRequest
		want threatmodel.Acceptance
	}{
		{"threat", request("T-1", "2026-07-01"), threatmodel.Acceptance{ID: "A-4", Threat: "T-1",
			Reason: "internal only", ApprovedBy: "carol", Expires: "2026-07-01"}},
		{"surface item, bound to its fingerprint", request(port.ID, "2026-06-01"), threatmodel.Acceptance{
			ID: "A-4", Surface: port.ID, Reason: "internal only", ApprovedBy: "carol",
			Expires: "2026-06-01", Fingerprint: port.SecurityFingerprint()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewAcceptance(in, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("acceptance (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewAcceptanceRefuses(t *testing.T) {
	in := &Input{Model: &threatmodel.Model{Threats: []threatmodel.Threat{{ID: "T-1"}}}}
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	valid := AcceptRequest{Target: "T-1", Reason: "internal only", ApprovedBy: "carol",
		Expires: "2026-07-01", MaxDays: 30, Today: today}
	tests := []struct {
		name   string
		change func(*AcceptRequest)
		want   []string // every part the error must contain
	}{
		{"no approver", func(r *AcceptRequest) { r.ApprovedBy = "  " },
			[]string{"--approved-by is required: a person must own the risk"}},
		{"no reason", func(r *AcceptRequest) { r.Reason = "" }, []string{"--reason is required"}},
		{"every problem at once", func(r *AcceptRequest) { r.Reason, r.ApprovedBy, r.Expires = "", "", "soon" },
			[]string{"--approved-by is required", "--reason is required", `--expires "soon": expected a date as YYYY-MM-DD`}},
		{"not a date", func(r *AcceptRequest) { r.Expires = "2026-13-01" }, []string{"expected a date as YYYY-MM-DD"}},
		{"in the past", func(r *AcceptRequest) { r.Expires = "2026-05-31" }, []string{"--expires 2026-05-31 is in the past"}},
		{"beyond the limit", func(r *AcceptRequest) { r.Expires = "2026-07-02" },
			[]string{"--expires 2026-07-02 is more than 30 days ahead (at most 2026-07-01;", "max_acceptance_days"}},
		{"unknown target", func(r *AcceptRequest) { r.Target = "T-9" },
			[]string{"T-9 is neither a threat in the model nor a surface item in the repository"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := valid
			tt.change(&req)
			_, err := NewAcceptance(in, req)
			if err == nil {
				t.Fatal("accepted; want an error")
			}
			for _, part := range tt.want {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not contain %q", err, part)
				}
			}
		})
	}
}
