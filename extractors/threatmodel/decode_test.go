package threatmodel

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// config is the kind of file the .tms.yaml reader decodes with Fields.
type config struct {
	Version int
	Policy  string
	Ignore  []string
	Rules   []string
}

func decodeConfig(path, src string) (config, error) {
	d := NewDecoder(path)
	f := d.Fields(d.Document([]byte(src)), "", "version", "policy", "ignore", "rules")
	f.Require("version", "policy")

	var c config
	c.Version, _ = f.Int("version")
	c.Policy = f.String("policy", OneOf("a policy mode", "warn", "block"))
	c.Ignore = f.Strings("ignore", NonEmpty, Glob)
	f.Each("rules", "a list of rules", func(n *yaml.Node, field string) {
		rule := d.Fields(n, field, "name")
		rule.Require("name")
		c.Rules = append(c.Rules, rule.String("name"))
	})
	return c, d.Err()
}

func TestFieldsDecodeConfig(t *testing.T) {
	src := "version: 1\npolicy: block\nignore: [vendor/**]\nrules:\n  - name: a\n  - name: b\n"
	got, err := decodeConfig(".tms.yaml", src)
	if err != nil {
		t.Fatal(err)
	}

	want := config{Version: 1, Policy: "block", Ignore: []string{"vendor/**"},
		Rules: []string{"a", "b"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
}

func TestFieldsProblems(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"missing", "version: 1\n",
			".tms.yaml:1:1: policy: missing (required)"},
		{"enum", "version: 1\npolicy: stop\n",
			`.tms.yaml:2:9: policy: "stop" is not a policy mode (expected one of warn, block)`},
		{"unknown", "version: 1\npolicy: warn\nmode: x\n",
			".tms.yaml:3:1: mode: unknown field (expected one of version, policy, ignore, rules)"},
		{"int", "version: one\npolicy: warn\n",
			`.tms.yaml:1:10: version: found the string "one" (expected an integer)`},
		{"glob", "version: 1\npolicy: warn\nignore: ['[']\n",
			`.tms.yaml:3:10: ignore[0]: "[" is not a valid glob ` +
				`(expected a doublestar pattern, e.g. "src/**/*.go")`},
		{"nested", "version: 1\npolicy: warn\nrules:\n  - {name: a}\n  - {}\n",
			".tms.yaml:5:5: rules[1].name: missing (required)"},
		{"list", "version: 1\npolicy: warn\nrules: {name: a}\n",
			".tms.yaml:3:8: rules: found a mapping (expected a list of rules)"},
		{"key", "version: 1\npolicy: warn\n[a]: b\n",
			".tms.yaml:3:1: found a list (expected a field name)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeConfig(".tms.yaml", tt.src)
			if err == nil {
				t.Fatal("decode succeeded, want a problem")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNilFieldsIsSafe(t *testing.T) {
	var f *Fields
	f.Require("a")
	f.Problemf("a", "never recorded")
	f.Each("a", "a list", func(*yaml.Node, string) { t.Error("Each called fn on nil Fields") })

	if f.Has("a") || f.String("a") != "" || len(f.Strings("a")) != 0 || f.Path("a") != "a" {
		t.Error("nil Fields returned a value")
	}
	if _, ok := f.Int("a"); ok {
		t.Error("nil Fields returned an int")
	}
}

func TestDocumentProblems(t *testing.T) {
	tests := []struct {
		name, path, src, want string
	}{
		{"empty", "c.yaml", "", "c.yaml: file is empty (expected a mapping)"},
		{"comments", "c.yaml", "# a\n\n# b\n", "c.yaml: file is empty (expected a mapping)"},
		{"marker", "c.yaml", "---\n", "c.yaml: file is empty (expected a mapping)"},
		{"null", "c.yaml", "~\n", "c.yaml: file is empty (expected a mapping)"},
		{"two", "c.yaml", "a: 1\n---\nb: 2\n",
			"c.yaml:2:1: a second YAML document starts here (expected one document)"},
		{"second broken", "c.yaml", "a: 1\n---\nb: [\n",
			"c.yaml:3: invalid YAML: did not find expected node content"},
		{"json trailing", "c.json", "{}\n{}\n",
			"c.json:2:1: invalid JSON: invalid character '{' after top-level value"},
		{"json blank", "c.json", "  \n", "c.json: file is empty (expected a mapping)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDecoder(tt.path)
			if root := d.Document([]byte(tt.src)); root != nil {
				t.Errorf("Document returned a root node for %q", tt.src)
			}

			err := d.Err()
			if _, ok := errors.AsType[*LoadError](err); !ok {
				t.Fatalf("Err() = %v, want a *LoadError", err)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecoderErrNilWithoutProblems(t *testing.T) {
	d := NewDecoder("c.yaml")
	d.Fields(d.Document([]byte("a: 1\n")), "", "a")
	if err := d.Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
}
