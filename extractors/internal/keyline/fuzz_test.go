package keyline

import (
	"bytes"
	"testing"

	"github.com/tms-dev/tms/extractors/extractortest"
)

// FuzzParse checks that neither parser panics, that errors point inside the
// document, and that every recorded line is one of its lines.
func FuzzParse(f *testing.F) {
	f.Add([]byte(cargoLike))
	f.Add([]byte(lockLike))
	f.Add([]byte("a = [1,\n"))
	f.Add([]byte("{\"a\": [[[{}]]]}"))

	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		for name, parse := range map[string]func([]byte) (*Document, error){
			"toml": ParseTOML, "json": ParseJSON,
		} {
			doc, err := parse(data)
			if line := extractortest.ErrorLine(err); err != nil && line != -1 &&
				(line < 1 || line > lines) {
				t.Errorf("%s: error %v at line %d of %d", name, err, line, lines)
			}
			if doc == nil {
				continue
			}
			for key, line := range doc.lines {
				if line < 1 || line > lines {
					t.Errorf("%s: key %q at line %d of %d", name, key, line, lines)
				}
			}
		}
	})
}
