package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importFixtures are the realistic models written for the tests, one or
// more per format.
var importFixtures = []struct {
	path   string
	format Format
}{
	{"testdata/otm/webshop.otm.yaml", OTM},
	{"testdata/otm/payments.otm.json", OTM},
	{"testdata/threagile/bookstore.threagile.yaml", Threagile},
	{"testdata/threatdragon/clinic.json", ThreatDragon},
}

// TestImportGolden imports each fixture and compares the model tms writes
// and the report of what was not carried over with golden files beside it.
func TestImportGolden(t *testing.T) {
	for _, fx := range importFixtures {
		t.Run(filepath.Base(fx.path), func(t *testing.T) {
			data, err := os.ReadFile(fx.path)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(fx.path)
			format, err := Detect(data, name)
			if err != nil || format.Name != fx.format.Name {
				t.Fatalf("Detect = %q, %v; want %q", format.Name, err, fx.format.Name)
			}

			m, unmapped, err := Import(data, name)
			if err != nil {
				t.Fatal(err)
			}
			checkModel(t, m)
			stem := strings.SplitN(fx.path, ".", 2)[0]
			checkGolden(t, stem+".tms.yaml", written(t, m))
			checkGolden(t, stem+".report", reportText(unmapped))
		})
	}
}
