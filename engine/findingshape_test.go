package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// A deny rule that returns something other than a finding is only found at
// evaluation; the error must say which package and file to open, and how
// to build a finding.
func TestMisshapenFindingsNameTheirPackage(t *testing.T) {
	tests := []struct {
		name     string
		returned string // what the deny rule adds to its set
		want     string
	}{
		{"object without a rule id", `{"message": item.id}`,
			`a deny rule of package tms.rules.team returned {"message":"`},
		{"string", `item.id`, `, which is not an object`},
		{"location of the wrong type", `{"rule": "TEAM-001", "location": item.id}`,
			`whose fields do not have the finding shape (json: cannot unmarshal string`},
		{"rule id nobody declares", `{"rule": "TEAM-999"}`,
			`whose rule "TEAM-999" no rule's METADATA declares`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := strings.Replace(validRule, `{"rule": "TEAM-001"}`, tt.returned, 1)
			rule = strings.Replace(rule, `item.kind == "x"`, `item.kind == "container.port"`, 1)
			src := PolicySource{Dir: "custom", FS: fstest.MapFS{"team.rego": {Data: []byte(rule)}}}
			eng, err := New(context.Background(), Options{Policies: []PolicySource{src}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = eng.Evaluate(context.Background(), exampleInput(t), time.Minute)
			if !errors.Is(err, ErrInvalidPolicy) {
				t.Fatalf("got %v, want ErrInvalidPolicy", err)
			}
			for _, want := range []string{"custom/team.rego:11: ", tt.want,
				"build each finding with lib.finding(rego.metadata.rule(), {...})"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not mention %q:\n%v", want, err)
				}
			}
		})
	}
}
