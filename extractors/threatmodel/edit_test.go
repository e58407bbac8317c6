package threatmodel

import (
	"os"
	"path/filepath"
	"testing"
)

var fp = "sha256:" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12"

// editChanges exercises every kind of edit: a changed entry with a quoted
// status and a comment, one whose new fields must be added, new surface and
// a new acceptance.
var editChanges = Changes{
	AddSurface: []SurfaceEntry{{
		ID: "container.port:billing/Dockerfile#9000/tcp", Kind: "container.port",
		Status: "unreviewed", Exposure: "unknown", Fingerprint: fp,
	}},
	UpdateSurface: map[string]SurfaceUpdate{
		"container.port:api/Dockerfile#8080/tcp": {Status: "unreviewed", Fingerprint: fp},
		"dependency:go.mod#github.com/old/lib":   {Status: "removed"},
	},
	AddAcceptance: []Acceptance{{
		ID: "A-1", Surface: "container.port:billing/Dockerfile#9000/tcp",
		Reason: "internal only: behind the VPN", ApprovedBy: "carol", Expires: "2026-09-01",
		Fingerprint: fp,
	}},
}

func TestApplyKeepsCommentsAndOrder(t *testing.T) {
	tests := []struct {
		fixture string
		changes Changes
	}{
		{"commented.yaml", editChanges},
		{"minimal.yaml", Changes{AddSurface: editChanges.AddSurface, AddAcceptance: editChanges.AddAcceptance}},
		{"model.json", Changes{
			AddSurface:    editChanges.AddSurface,
			UpdateSurface: map[string]SurfaceUpdate{"dependency:go.mod#a": {Status: "removed"}},
			AddAcceptance: editChanges.AddAcceptance,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.fixture)
			src, err := os.ReadFile(filepath.Join("testdata/edit", tt.fixture))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, src, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := Apply(path, tt.changes); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata/edit", tt.fixture+".golden"), got)
		})
	}
}

func TestApplyRefusesAModelItCannotParse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "threat-model.yaml")
	broken := []byte("version: 1\nsurface: [\n")
	if err := os.WriteFile(path, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Apply(path, editChanges); err == nil {
		t.Fatal("Apply edited a model it could not parse")
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(broken) {
		t.Error("the broken model was changed")
	}
}
