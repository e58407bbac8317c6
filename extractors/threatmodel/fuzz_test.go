package threatmodel

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, and that every model
// Parse accepts survives Write and Load in both formats.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"valid", "invalid"} {
		for _, path := range fixtures(f, dir) {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data, filepath.Ext(path) == ".json")
		}
	}

	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		name := "threat-model.yaml"
		if asJSON {
			name = "threat-model.json"
		}

		m, err := Parse(name, data)
		if err != nil {
			return
		}
		roundTrip(t, m, ".yaml")
		roundTrip(t, m, ".json")
	})
}

// FuzzApply checks that no YAML model makes the text editor panic, and that
// an edit it makes loads back with the new entries in it.
func FuzzApply(f *testing.F) {
	for _, path := range []string{"commented.yaml", "minimal.yaml", "blockscalars.yaml", "crlf.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/edit", path))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "threat-model.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Apply(path, editChanges); err != nil {
			return
		}
		m, err := Load(path)
		if err != nil {
			t.Fatalf("Apply wrote a model that does not load: %v", err)
		}
		if !hasSurface(m, editChanges.AddSurface[0].ID) {
			t.Errorf("the added surface entry is missing after Apply")
		}
	})
}

func hasSurface(m *Model, id string) bool {
	for _, e := range m.Surface {
		if e.ID == id {
			return true
		}
	}
	return false
}
