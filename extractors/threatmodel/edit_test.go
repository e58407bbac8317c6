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
		// A folded reviewed_by ends the changed entry, and a literal reason
		// ends the last acceptance: edits go after the scalars' bodies.
		{"blockscalars.yaml", editChanges},
		{"crlf.yaml", editChanges},
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

// TestResetToUnreviewedDropsTheReviewer: an entry whose surface changed goes
// back to unreviewed, and a reviewed_by left on it would claim a review that
// no longer holds. Everything else on the entry, and the comments around it,
// stays.
func TestResetToUnreviewedDropsTheReviewer(t *testing.T) {
	const id = "container.image:api/Dockerfile"
	tests := []struct{ name, file, before, after string }{
		{"block", "threat-model.yaml",
			"version: 1\nsurface:\n  # the API image\n  - id: " + id + "\n    kind: container.image\n" +
				"    status: reviewed  # in May\n    reviewed_by: alice\n    exposure: unknown\n",
			"version: 1\nsurface:\n  # the API image\n  - id: " + id + "\n    kind: container.image\n" +
				"    status: unreviewed  # in May\n    exposure: unknown\n    fingerprint: " + fp + "\n"},
		{"block, reviewer last", "threat-model.yaml",
			"version: 1\nsurface:\n  - id: " + id + "\n    kind: container.image\n" +
				"    status: reviewed\n    reviewed_by: alice\n",
			"version: 1\nsurface:\n  - id: " + id + "\n    kind: container.image\n" +
				"    status: unreviewed\n    fingerprint: " + fp + "\n"},
		{"flow, reviewer after a comma", "threat-model.yaml",
			"version: 1\nsurface:\n  - {id: " + id + ", kind: container.image, status: reviewed, reviewed_by: alice}\n",
			"version: 1\nsurface:\n  - {id: " + id + ", kind: container.image, status: unreviewed, fingerprint: " +
				fp + "}\n"},
		{"flow, reviewer first", "threat-model.yaml",
			"version: 1\nsurface:\n  - {reviewed_by: alice, id: " + id + ", kind: container.image, status: reviewed}\n",
			"version: 1\nsurface:\n  - {id: " + id + ", kind: container.image, status: unreviewed, fingerprint: " +
				fp + "}\n"},
		{"json", "threat-model.json",
			`{"version": 1, "surface": [{"id": "` + id + `", "kind": "container.image", "status": "reviewed", ` +
				`"reviewed_by": "alice"}]}`,
			"{\n  \"version\": 1,\n  \"surface\": [\n    {\n      \"id\": \"" + id + "\",\n" +
				"      \"kind\": \"container.image\",\n      \"status\": \"unreviewed\",\n" +
				"      \"fingerprint\": \"" + fp + "\"\n    }\n  ]\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, []byte(tt.before), 0o644); err != nil {
				t.Fatal(err)
			}
			reset := Changes{UpdateSurface: map[string]SurfaceUpdate{
				id: {Status: "unreviewed", Fingerprint: fp},
			}}
			if err := Apply(path, reset); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.after {
				t.Errorf("got\n%s\nwant\n%s", got, tt.after)
			}
		})
	}
}
