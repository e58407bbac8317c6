package engine

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/threatmodel"
)

// servicePort is a surface item as an extractor reports it.
func servicePort(id string, exposure extractors.Exposure, serviceType string) extractors.Item {
	return extractors.Item{
		ID: id, Kind: "k8s.service", Exposure: exposure,
		Attributes: map[string]any{"type": serviceType},
		Location:   extractors.Location{Path: "deploy/api.yaml", Line: 1},
	}
}

// recorded is the model entry tms sync writes for an item.
func recorded(item extractors.Item, status string) threatmodel.SurfaceEntry {
	e := NewSurfaceEntry(item)
	e.Status = status
	e.Location = extractors.Location{Path: "threat-model.yaml", Line: 3}
	return e
}

func TestDiffModelSurface(t *testing.T) {
	internal := servicePort("k8s.service:api", extractors.ExposureInternal, "ClusterIP")
	public := servicePort("k8s.service:api", extractors.ExposurePublic, "LoadBalancer")
	renamed := servicePort("k8s.service:api", extractors.ExposureInternal, "NodePort")
	tests := []struct {
		name    string
		surface []extractors.Item
		model   []threatmodel.SurfaceEntry
		want    []string // change, id and detail of each difference
	}{
		{"up to date", []extractors.Item{internal},
			[]threatmodel.SurfaceEntry{recorded(internal, "reviewed")}, nil},
		{"new", []extractors.Item{internal}, nil, []string{"new k8s.service:api"}},
		{"exposure changed", []extractors.Item{public},
			[]threatmodel.SurfaceEntry{recorded(internal, "reviewed")},
			[]string{"changed k8s.service:api exposure internal to public"}},
		{"attributes changed", []extractors.Item{renamed},
			[]threatmodel.SurfaceEntry{recorded(internal, "reviewed")},
			[]string{"changed k8s.service:api attributes changed since the model recorded it"}},
		{"reviewed entry without a fingerprint is unbound", []extractors.Item{public},
			[]threatmodel.SurfaceEntry{{ID: "k8s.service:api", Kind: "k8s.service", Status: "reviewed"}},
			[]string{"unbound k8s.service:api reviewed without a fingerprint; the item now has " +
				"exposure: public, fingerprint: " + public.SecurityFingerprint()}},
		{"unreviewed entry without a fingerprint is not compared", []extractors.Item{public},
			[]threatmodel.SurfaceEntry{{ID: "k8s.service:api", Kind: "k8s.service", Status: "unreviewed"}}, nil},
		{"returned after removal", []extractors.Item{internal},
			[]threatmodel.SurfaceEntry{recorded(internal, "removed")}, []string{"returned k8s.service:api"}},
		{"gone", nil, []threatmodel.SurfaceEntry{recorded(internal, "reviewed")}, []string{"gone k8s.service:api"}},
		{"gone and already marked removed", nil, []threatmodel.SurfaceEntry{recorded(internal, "removed")}, nil},
		{"sorted by id", []extractors.Item{servicePort("k8s.service:b", "internal", "ClusterIP"),
			servicePort("k8s.service:a", "internal", "ClusterIP")},
			[]threatmodel.SurfaceEntry{{ID: "k8s.service:0", Kind: "k8s.service", Status: "reviewed"}},
			[]string{"gone k8s.service:0", "new k8s.service:a", "new k8s.service:b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &Input{Surface: tt.surface, Model: &threatmodel.Model{Surface: tt.model}}
			var got []string
			for _, c := range DiffModel(in).Surface {
				got = append(got, strings.TrimSpace(strings.Join([]string{c.Change, c.ID, c.Detail}, " ")))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("surface changes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiffModelEvidence(t *testing.T) {
	at := extractors.Location{Path: "threat-model.yaml", Line: 9}
	model := &threatmodel.Model{Mitigations: []threatmodel.Mitigation{
		{ID: "M-1", Status: "implemented", Evidence: []string{"api/ratelimit.go", "api/*_test.go"}, Location: at},
		{ID: "M-2", Status: "proposed", Evidence: []string{"nowhere.go"}, Location: at},
	}}
	in := &Input{Model: model, Repo: RepoFacts{Evidence: map[string][]string{
		"api/*_test.go": {"api/limit_test.go"},
	}}}

	got := DiffModel(in).Evidence

	// Only an implemented mitigation claims its evidence exists.
	want := []MissingEvidence{{Mitigation: "M-1", Evidence: "api/ratelimit.go", Location: at}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("missing evidence (-want +got):\n%s", diff)
	}
}

func TestSyncChangesNeverReviews(t *testing.T) {
	internal := servicePort("k8s.service:api", extractors.ExposureInternal, "ClusterIP")
	public := servicePort("k8s.service:api", extractors.ExposurePublic, "LoadBalancer")
	added := servicePort("k8s.service:web", extractors.ExposureInternal, "ClusterIP")
	in := &Input{
		Surface: []extractors.Item{public, added},
		Model: &threatmodel.Model{Surface: []threatmodel.SurfaceEntry{
			recorded(internal, "reviewed"),
			{ID: "k8s.service:old", Kind: "k8s.service", Status: "reviewed"},
		}},
	}

	got := DiffModel(in).SyncChanges()

	want := threatmodel.Changes{
		AddSurface: []threatmodel.SurfaceEntry{NewSurfaceEntry(added)},
		UpdateSurface: map[string]threatmodel.SurfaceUpdate{
			"k8s.service:api": {Status: "unreviewed", Exposure: "public", Fingerprint: public.SecurityFingerprint()},
			"k8s.service:old": {Status: "removed"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sync changes (-want +got):\n%s", diff)
	}
	if got.AddSurface[0].Status != "unreviewed" || got.AddSurface[0].ReviewedBy != "" {
		t.Errorf("new surface is recorded as %q by %q, want unreviewed by nobody",
			got.AddSurface[0].Status, got.AddSurface[0].ReviewedBy)
	}
}

func TestWriteDiff(t *testing.T) {
	tests := []struct {
		name string
		diff Diff
		want string
	}{
		{"empty", Diff{}, "the threat model is up to date with the repository\n"},
		{"surface and evidence", Diff{
			Surface: []SurfaceChange{
				{Change: ChangeChanged, ID: "k8s.service:api", Detail: "exposure internal to public",
					Location: extractors.Location{Path: "deploy/api.yaml", Line: 1}},
				{Change: ChangeGone, ID: "container.port:old", Location: extractors.Location{Path: "threat-model.yaml"}},
			},
			Evidence: []MissingEvidence{{Mitigation: "M-1", Evidence: "api/ratelimit.go",
				Location: extractors.Location{Path: "threat-model.yaml", Line: 9}}},
		}, "changed   k8s.service:api  deploy/api.yaml:1  (exposure internal to public)\n" +
			"gone      container.port:old  threat-model.yaml\n" +
			"evidence  M-1: \"api/ratelimit.go\" matches no file  threat-model.yaml:9\n" +
			"2 surface changes, 1 missing evidence; tms sync records the surface changes\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteDiff(&b, tt.diff); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("diff text (-want +got):\n%s", diff)
			}
		})
	}
}
