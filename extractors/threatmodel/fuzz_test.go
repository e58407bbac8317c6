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
