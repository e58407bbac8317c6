package convert

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors/threatmodel"
)

func FuzzImportOTM(f *testing.F) {
	fuzzImport(f, ImportOTM, "testdata/otm/*.otm.*", "testdata/roundtrip/*.otm.json")
}

func FuzzImportThreagile(f *testing.F) {
	fuzzImport(f, ImportThreagile, "testdata/threagile/*.threagile.yaml")
}

func FuzzImportThreatDragon(f *testing.F) {
	fuzzImport(f, ImportThreatDragon, "testdata/threatdragon/*.json")
}

// lineBound is at least the number of lines YAML sees in data: it breaks
// lines at \r and at NEL, LS and PS as well as at \n.
func lineBound(data []byte) int {
	n := 1
	for _, sep := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
		n += bytes.Count(data, []byte(sep))
	}
	return n
}

// fuzzImport checks that no input makes an importer panic, and that every
// model it returns holds what checkModel requires, is written by
// threatmodel.Write (which loads it back), and comes with a report whose
// lines lie within the input.
func fuzzImport(f *testing.F, importer func([]byte, string) (*threatmodel.Model,
	[]Unmapped, error), patterns ...string) {
	for _, pattern := range patterns {
		paths, err := filepath.Glob(pattern)
		if err != nil || len(paths) == 0 {
			f.Fatalf("no seeds for %s", pattern)
		}
		for _, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}

	out := filepath.Join(f.TempDir(), "threat-model.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		m, unmapped, err := importer(data, "model")
		if err != nil {
			return
		}
		checkModel(t, m)
		lines := lineBound(data)
		for _, u := range unmapped {
			if u.What == "" || u.Why == "" || u.Line < 0 || u.Line > lines {
				t.Errorf("report %+v outside the %d lines of the input", u, lines)
			}
		}
		if err := threatmodel.Write(out, m, ""); err != nil {
			t.Errorf("the import does not write: %v", err)
		}
	})
}
