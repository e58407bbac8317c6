package yamlnode

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

func parse(t *testing.T, in string) *yaml.Node {
	t.Helper()
	var p Problems
	roots := Decode([]byte(in), &p)
	if p.Err() != nil || len(roots) != 1 {
		t.Fatalf("parse %q: %d documents, %v", in, len(roots), p.Err())
	}
	return roots[0]
}

func TestPairsFollowsMergeKeys(t *testing.T) {
	doc := parse(t, `
x-base: &base
  image: base:1
  user: root
x-more: &more
  user: app
  pid: host
x-nested: &nested
  <<: *base
  restart: always
service:
  <<: [*more, *nested]
  image: own:2
`)
	var got []string
	for _, p := range Pairs(Get(doc, "service")) {
		got = append(got, p.Key.Value+"="+p.Value.Value)
	}
	want := []string{"image=own:2", "user=app", "pid=host", "restart=always"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pairs (-want +got):\n%s", diff)
	}
	if got := Text(Path(doc, "service", "restart")); got != "always" {
		t.Errorf("merged restart = %q", got)
	}
}

func TestKeyLine(t *testing.T) {
	doc := parse(t, `base: &base
  user: root
service:
  <<: *base
  privileged: true
`)
	service := Get(doc, "service")
	for key, want := range map[string]int{"privileged": 5, "user": 2, "missing": 0} {
		if got := KeyLine(service, key); got != want {
			t.Errorf("KeyLine(service, %q) = %d, want %d", key, got, want)
		}
	}
	if got := KeyLine(nil, "x"); got != 0 {
		t.Errorf("KeyLine(nil) = %d, want 0", got)
	}
}

func TestMergeOfAMappingMergedTwiceIsVisitedOnce(t *testing.T) {
	doc := parse(t, `
a: &a {k: 1}
b: &b {<<: [*a, *a]}
c: {<<: [*b, *b, *a]}
`)
	if got := len(Pairs(Get(doc, "c"))); got != 1 {
		t.Errorf("pairs of c = %d, want 1", got)
	}
}

func TestScalars(t *testing.T) {
	doc := parse(t, `
yes_plain: yes
yes_quoted: "yes"
off: Off
t: TRUE
num: 1000
hex: 0x10
neg: -1
text: "1000"
nothing: ~
list: [a, 1, {b: c}]
alias: &x 5
other: *x
`)
	tests := []struct {
		key  string
		want any
	}{
		{"yes_plain", "yes"}, {"yes_quoted", "yes"}, {"t", true}, {"num", 1000},
		{"hex", 16}, {"neg", -1}, {"text", "1000"}, {"nothing", nil}, {"other", 5},
	}
	for _, tt := range tests {
		if got := Scalar(Get(doc, tt.key)); got != tt.want {
			t.Errorf("Scalar(%s) = %#v, want %#v", tt.key, got, tt.want)
		}
	}

	if !IsTrue(Get(doc, "yes_plain")) || IsTrue(Get(doc, "yes_quoted")) {
		t.Error("an unquoted yes is true for Kubernetes, a quoted one is text")
	}
	if v, ok := Bool(Get(doc, "off")); !ok || v {
		t.Errorf("Bool(Off) = %v, %v", v, ok)
	}
	if _, ok := Bool(Get(doc, "num")); ok {
		t.Error("a number is not a boolean")
	}
	if got := Strings(Get(doc, "list")); !cmp.Equal(got, []string{"a", "1"}) {
		t.Errorf("Strings(list) = %v", got)
	}
	if Get(Get(doc, "num"), "x") != nil || Items(Get(doc, "num")) != nil {
		t.Error("a scalar has no keys and no items")
	}
}

func TestStringMap(t *testing.T) {
	doc := parse(t, "labels: {app: web, tier: 1, nested: {a: b}}\n")
	want := map[string]any{"app": "web", "tier": "1"}
	if diff := cmp.Diff(want, StringMap(Get(doc, "labels"))); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}
