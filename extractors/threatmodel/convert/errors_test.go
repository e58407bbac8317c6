package convert

import (
	"strings"
	"testing"
)

// TestImportErrors: documents tms cannot read as a whole fail with file:line
// and say what was expected.
func TestImportErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"empty", "\n  \n", "model.yaml: file is empty (expected a mapping)"},
		{"broken YAML", "otmVersion: 0.2.0\ncomponents:\n  - id: a\n   name: b\n",
			"model.yaml:2: invalid YAML: did not find expected '-' indicator"},
		{"broken JSON", "{\"otmVersion\": \"0.2.0\",\n \"components\": [}\n",
			"model.yaml:2:17: invalid JSON: invalid character '}' looking for beginning of value"},
		{"two documents", "otmVersion: 0.2.0\n---\notmVersion: 0.2.0\n",
			"model.yaml:2:1: a second YAML document starts here (expected one document)"},
		{"a list", "- otmVersion: 0.2.0\n",
			"model.yaml:1: found a list (expected a mapping at the top)"},
		{"unknown", "title: My model\nelements: []\n",
			"model.yaml:1: not a threat model tms can import (expected otmVersion for OTM, " +
				"technical_assets for Threagile, or detail.diagrams for Threat Dragon v2)"},
		{"tms model", "version: 1\nthreats: []\n",
			"model.yaml:1: this is already a tms threat model; nothing to import"},
		{"Threat Dragon v1",
			`{"summary": {"title": "x"}, "detail": {"diagrams": [{"diagramJson": {}}]}}`,
			"model.yaml:1: a Threat Dragon model without a version, probably version 1: " +
				"open it in Threat Dragon 2 and save it to upgrade it"},
		{"Threat Dragon v3", "{\"version\": \"3.0.0\",\n \"detail\": {\"diagrams\": []}}",
			`model.yaml:1: Threat Dragon version "3.0.0" is not supported (expected 2.x)`},
		{"OTM components", "otmVersion: 0.2.0\ncomponents:\n  web: {id: web}\n",
			"model.yaml:3: components is a mapping (expected a list)"},
		{"Threagile assets", "threagile_version: 1.0.0\ntechnical_assets:\n  - id: web\n",
			"model.yaml:3: technical_assets is a list (expected a mapping)"},
		{"Threat Dragon diagrams", "{\"version\": \"2.2.0\",\n \"detail\": {\"diagrams\": {}}}",
			"model.yaml:2: detail.diagrams is a mapping (expected a list)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Import([]byte(tt.doc), "model.yaml")
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestImportEachFormatRejectsOthers: calling one format's importer on
// another's document reads nothing of it rather than guessing.
func TestImportEachFormatRejectsOthers(t *testing.T) {
	data := []byte("otmVersion: 0.2.0\ncomponents: [{id: web, name: Web}]\n")
	m, _, err := ImportThreagile(data, "otm.yaml")
	if err != nil || len(m.Surface) != 0 || len(m.Threats) != 0 {
		t.Errorf("Threagile read an OTM document: %+v, %v", m, err)
	}
	_, _, err = ImportThreatDragon(data, "otm.yaml")
	if err == nil || !strings.Contains(err.Error(), "no detail.diagrams") {
		t.Errorf("Threat Dragon read an OTM document: %v", err)
	}
}

// TestImportTrickyInput covers what real files do: anchors and merge keys,
// comments, a byte order mark, ids with glob characters, duplicates, and
// values of the wrong type, each element reported rather than dropped.
func TestImportTrickyInput(t *testing.T) {
	tests := []struct {
		name, doc string
		check     func(t *testing.T, surface []string, appliesTo []string, report string)
	}{
		{"anchors and comments", `# exported by hand
otmVersion: 0.2.0   # the version
project: {name: p, id: p}
components:
  - id: a
    name: A
    parent: {trustZone: z}
    threats: &shared
      - threat: T1
        state: expose
  - id: b
    name: B
    parent: {trustZone: z}
    threats: *shared
threats:
  - {id: T1, name: One, categories: [Tampering], risk: {likelihood: 1, impact: 80}}
`, func(t *testing.T, surface, appliesTo []string, report string) {
			want := "otm.component:a otm.component:b"
			if strings.Join(appliesTo, " ") != want {
				t.Errorf("applies_to %v, want %s", appliesTo, want)
			}
		}},
		{"glob characters in ids", "\xef\xbb\xbf" + `{"otmVersion": "0.2.0",
 "components": [{"id": "web[1]{a,b}*", "name": "W",
                 "threats": [{"threat": "T", "state": "expose"}]}],
 "threats": [{"id": "T", "name": "t", "categories": ["Spoofing"], "risk": {"impact": 1}}]}`,
			func(t *testing.T, surface, appliesTo []string, report string) {
				if len(appliesTo) != 1 || !matchSurfaceGlob(appliesTo[0], surface[0]) ||
					matchSurfaceGlob(appliesTo[0], "otm.component:web1a") {
					t.Errorf("applies_to %v does not name exactly %v", appliesTo, surface)
				}
			}},
		{"duplicates and missing ids", `otmVersion: 0.2.0
components:
  - {id: a, name: A}
  - {id: a, name: Again}
  - {name: No id}
  - {id: c, name: [not, text]}
`, func(t *testing.T, surface, appliesTo []string, report string) {
			for _, want := range []string{
				`model:4: component "a": surface id "otm.component:a" is already used`,
				"model:5: component: has no id; not imported",
				`model:6: component "c": field name is a list (expected text); ignored`,
			} {
				if !strings.Contains(report, want) {
					t.Errorf("report lacks %q:\n%s", want, report)
				}
			}
			if strings.Join(surface, " ") != "otm.component:a otm.component:c" {
				t.Errorf("surface %v", surface)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, report := importOne(t, tt.doc)
			var surface, appliesTo []string
			for _, s := range m.Surface {
				surface = append(surface, s.ID)
			}
			for _, th := range m.Threats {
				appliesTo = append(appliesTo, th.AppliesTo...)
			}
			tt.check(t, surface, appliesTo, report)
		})
	}
}

// TestSurfaceGlob: the model's rule for surface-id globs.
func TestSurfaceGlob(t *testing.T) {
	tests := []struct {
		glob, id string
		want     bool
	}{
		{"container.port:**", "container.port:svc/Dockerfile#8080/tcp", true},
		{"container.port:*", "container.port:svc/Dockerfile#8080/tcp", false},
		{"container.port:*", "container.port:Dockerfile", true},
		{"*:svc/**", "dependency:svc/go.mod#x", true},
		{"dependency:go.mod#github.com/jackc/pgx/*",
			"dependency:go.mod#github.com/jackc/pgx/v5", true},
		{"a?c", "abc", true},
		{"a?c", "a/c", false},
		{"x:{api,web}", "x:web", true},
		{"x:{api,web}", "x:db", false},
		{"x:[!a]b", "x:cb", true},
		{"x:[!a]b", "x:ab", false},
		{`x:a\*`, "x:a*", true},
		{`x:a\*`, "x:ab", false},
		{"x:[ab", "x:[ab", false},
		{"x:{a", "x:{a", false},
	}
	for _, tt := range tests {
		if got := matchSurfaceGlob(tt.glob, tt.id); got != tt.want {
			t.Errorf("%q ~ %q = %v, want %v", tt.glob, tt.id, got, tt.want)
		}
	}
	for _, id := range []string{"otm.component:a[1]", `x:{a,b}*?\`} {
		if !matchSurfaceGlob(literal(id), id) || matchSurfaceGlob(literal(id), id+"x") {
			t.Errorf("literal(%q) = %q does not match exactly it", id, literal(id))
		}
	}
}

// TestImportSelfReferentialAnchors: YAML lets an anchor be merged into
// itself; the import must neither loop nor recurse without end.
func TestImportSelfReferentialAnchors(t *testing.T) {
	for _, doc := range []string{
		"otmVersion: 0.2.0\ncomponents: &x\n  - <<: *x\n",
		"otmVersion: 0.2.0\ncomponents:\n  - &c\n    id: a\n    <<: [*c, *c]\n",
		"otmVersion: 0.2.0\ncomponents: &x [ *x ]\n",
		"technical_assets: &t\n  A:\n    <<: *t\n    id: a\n",
	} {
		if _, _, err := Import([]byte(doc), "model.yaml"); err != nil {
			t.Errorf("%q: %v", doc, err)
		}
	}
}
