package threatmodel

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/rego"
	"gopkg.in/yaml.v3"
)

var (
	docsPath   = filepath.Join("..", "..", "docs", "threat-model.md")
	schemaPath = filepath.Join("..", "..", "docs", "threat-model.schema.json")
)

// schemaCannotCheck lists the invalid fixtures that the loader rejects but a
// JSON Schema cannot, with the reason.
var schemaCannotCheck = map[string]string{
	"duplicate-id.yaml":       "uniqueness of a field across entries",
	"duplicate-field.yaml":    "keys are merged before validation",
	"impossible-date.yaml":    "calendar dates",
	"bad-glob.yaml":           "glob syntax",
	"alias.yaml":              "aliases are resolved before validation",
	"multiple-documents.yaml": "more than one document",
	"empty.yaml":              "not a document",
	"empty.json":              "not a document",
	"syntax-error.yaml":       "not a document",
	"syntax-error.json":       "not a document",
	"comment.json":            "not a document",
	"unknown-threat.yaml":     "references between entries",
}

// schemaValidator checks documents against docs/threat-model.schema.json with
// OPA's json.match_schema, the builtin that policies would use.
type schemaValidator struct {
	schema any
	query  rego.PreparedEvalQuery
}

func newSchemaValidator(t *testing.T) *schemaValidator {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	v := &schemaValidator{}
	if err := json.Unmarshal(data, &v.schema); err != nil {
		t.Fatalf("parse schema: %v", err)
	}

	q := rego.New(rego.Query("x := json.match_schema(input.doc, input.schema)"))
	if v.query, err = q.PrepareForEval(context.Background()); err != nil {
		t.Fatal(err)
	}
	return v
}

// problems returns the schema's complaints about doc, none when it matches.
func (v *schemaValidator) problems(t *testing.T, doc any) []any {
	t.Helper()
	input := rego.EvalInput(map[string]any{"doc": doc, "schema": v.schema})
	rs, err := v.query.Eval(context.Background(), input)
	if err != nil || len(rs) != 1 {
		t.Fatalf("json.match_schema: %v (%d results)", err, len(rs))
	}

	result, ok := rs[0].Bindings["x"].([]any)
	if !ok || len(result) != 2 {
		t.Fatalf("json.match_schema returned %v", rs[0].Bindings["x"])
	}
	if matched, _ := result[0].(bool); matched {
		return nil
	}
	if problems, _ := result[1].([]any); len(problems) > 0 {
		return problems
	}
	return []any{"no match, and no reason given"}
}

// plainValue turns a YAML node into the value a JSON reader would see. It
// reads scalars as this package does: an unquoted date is a string.
func plainValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		return plainValue(n.Content[0])
	case yaml.MappingNode:
		m := make(map[string]any)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := plainValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		list := []any{}
		for _, item := range n.Content {
			v, err := plainValue(item)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.ScalarNode:
		return plainScalar(n)
	}
	return nil, fmt.Errorf("line %d: cannot convert a YAML alias", n.Line)
}

func plainScalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		return n.Value, nil
	case "!!null":
		return nil, nil
	case "!!bool":
		return n.Value == "true", nil
	}
	return strconv.ParseFloat(n.Value, 64)
}

// plainDocument reads a model file as a JSON document.
func plainDocument(name string, data []byte) (any, error) {
	if isJSON(name) {
		var doc any
		err := json.Unmarshal(data, &doc)
		return doc, err
	}

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 {
		return nil, fmt.Errorf("empty document")
	}
	return plainValue(&doc)
}

// validDocuments are every model the schema must accept: the valid fixtures,
// the files Write produced for the golden tests, and every whole model in the
// documentation (a YAML block with a version: line; the others are excerpts
// or settings).
func validDocuments(t *testing.T) map[string][]byte {
	docs := make(map[string][]byte)
	paths := append(fixtures(t, "valid"), fixtures(t, "written")...)
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs[path] = data
	}

	markdown, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?ms)^```yaml\n(.*?)^```").FindAllSubmatch(markdown, -1)
	wholeModel := regexp.MustCompile(`(?m)^version:`)
	found := 0
	for i, block := range blocks {
		if wholeModel.Match(block[1]) {
			docs[fmt.Sprintf("docs-example-%d.yaml", i+1)] = block[1]
			found++
		}
	}
	if found == 0 {
		t.Fatalf("%s has no whole model in a yaml block", docsPath)
	}
	return docs
}

func TestSchemaAcceptsValidModels(t *testing.T) {
	v := newSchemaValidator(t)
	for name, data := range validDocuments(t) {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse(name, data); err != nil {
				t.Fatalf("Parse: %v", err)
			}
			doc, err := plainDocument(name, data)
			if err != nil {
				t.Fatal(err)
			}
			if problems := v.problems(t, doc); problems != nil {
				t.Errorf("schema rejects the model: %v", problems)
			}
		})
	}
}

func TestSchemaRejectsInvalidFixtures(t *testing.T) {
	v := newSchemaValidator(t)
	for _, path := range fixtures(t, "invalid") {
		name := filepath.Base(path)
		if _, skip := schemaCannotCheck[name]; skip {
			continue
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := plainDocument(name, data)
			if err != nil {
				t.Fatal(err)
			}
			if v.problems(t, doc) == nil {
				t.Errorf("schema accepts %s, which Load rejects", name)
			}
		})
	}
}

// TestSchemaEnums keeps the schema's enums in step with the loader's.
func TestSchemaEnums(t *testing.T) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Definitions map[string]struct {
			Properties map[string]struct {
				Enum  []string
				Items struct{ Enum []string }
			}
		}
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}

	defs := schema.Definitions
	tests := []struct {
		name      string
		got, want []string
	}{
		{"surface status", defs["surfaceEntry"].Properties["status"].Enum, surfaceStatuses},
		{"threat status", defs["threat"].Properties["status"].Enum, threatStatuses},
		{"severity", defs["threat"].Properties["severity"].Enum, severities},
		{"stride", defs["threat"].Properties["stride"].Items.Enum, strideCategories},
		{"mitigation status", defs["mitigation"].Properties["status"].Enum, mitigationStatuses},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s enum in the schema (-loader +schema):\n%s", tt.name, diff)
		}
	}
}
