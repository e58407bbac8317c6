package bundles

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tms-dev/tms/engine"
)

// opa runs the OPA CLI at the version tms embeds (a tool dependency in
// go.mod), from the module, so the test needs nothing installed.
func opa(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("go", append([]string{"tool", "opa"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("opa %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// TestOPABuildOutputLoadsInTms builds and signs a bundle with opa build and
// evaluates it in tms after checking the signature.
func TestOPABuildOutputLoadsInTms(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the OPA CLI")
	}
	dir := t.TempDir()
	keys := rsaKeys(t)
	priv := filepath.Join(dir, "key.pem")
	if err := os.WriteFile(priv, keys.private, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "bundle.tar.gz")
	opa(t, "build", "--bundle", "testdata/standalone", "--signing-key", priv, "-o", out)

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Verify(data, "opa.tar.gz", keys.public, DefaultKeyID, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(context.Background(), engine.Options{Bundles: []engine.Bundle{b}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range eng.Rules() {
		if r.ID == "STANDALONE-DEP-001" {
			if r.Bundle != "opa.tar.gz" || r.Revision != "opa-1" {
				t.Errorf("rule from bundle %q revision %q", r.Bundle, r.Revision)
			}
			return
		}
	}
	t.Error("the rule of the opa build bundle is not loaded")
}

// TestTmsBundleLoadsInOPA evaluates a bundle tms built and signed with
// opa eval, given tms's library the bundle's rules import.
func TestTmsBundleLoadsInOPA(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the OPA CLI")
	}
	dir := t.TempDir()
	keys := rsaKeys(t)
	bundlePath := filepath.Join(dir, "acme.tar.gz")
	if err := os.WriteFile(bundlePath, acmeBundle(t, &keys), 0o644); err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(dir, "input.json")
	doc := `{"surface": [{"id": "dependency:go.mod#left-pad", "kind": "dependency",
		"name": "left-pad", "attributes": {}, "location": {"path": "go.mod", "line": 3}}],
		"model": {"surface": []}}`
	if err := os.WriteFile(input, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	out := opa(t, "eval", "--format", "json", "--bundle", bundlePath,
		"--data", "../policies/tms/lib",
		"--input", input, "data.tms.rules.acme.deny")

	var result struct {
		Result []struct {
			Expressions []struct {
				Value []map[string]any `json:"value"`
			} `json:"expressions"`
		} `json:"result"`
	}
	if err := json.Unmarshal(out, &result); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	rules := map[string]bool{}
	for _, f := range result.Result[0].Expressions[0].Value {
		rules[f["rule"].(string)] = true
	}
	if !rules["ACME-DEP-001"] || !rules["ACME-DEP-002"] {
		t.Errorf("opa eval found %v, want ACME-DEP-001 and ACME-DEP-002", rules)
	}
}
