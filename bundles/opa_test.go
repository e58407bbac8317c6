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
	out, err := runOPA(args...)
	if err != nil {
		t.Fatalf("opa %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// runOPA runs the OPA CLI and returns its output, for a test that expects
// it to fail.
func runOPA(args ...string) ([]byte, error) {
	return exec.Command("go", append([]string{"tool", "opa"}, args...)...).CombinedOutput()
}

// TestTmsSignatureVerifiesInOPA signs a bundle with tms (RS256) and has
// opa build verify it: OPA accepts the signature, and refuses a copy with
// one file changed after signing, naming that file.
func TestTmsSignatureVerifiesInOPA(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the OPA CLI")
	}
	dir := t.TempDir()
	keys := rsaKeys(t)
	signed, err := Build(context.Background(), "testdata/standalone",
		BuildOptions{Limits: DefaultLimits, Signing: &Signing{Key: keys.private}})
	if err != nil {
		t.Fatal(err)
	}
	pub := writeFile(t, dir, "pub.pem", keys.public)
	good := writeFile(t, dir, "good.tar.gz", signed)
	opa(t, "build", "-b", good, "--verification-key", pub, "-o", filepath.Join(dir, "x.tar.gz"))

	tampered := writeFile(t, dir, "tampered.tar.gz", tamper(t, signed, "/rules.rego"))
	out, err := runOPA("build", "-b", tampered, "--verification-key", pub,
		"-o", filepath.Join(dir, "y.tar.gz"))
	if err == nil {
		t.Fatalf("opa build accepted a bundle changed after signing:\n%s", out)
	}
	if !strings.Contains(string(out), "rules.rego: digest mismatch") {
		t.Errorf("opa build's refusal does not name the changed file:\n%s", out)
	}
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

// TestTmsSignatureOfARuleBundleVerifiesInOPA checks the OPA command that
// docs/bundles.md gives for a bundle whose rules import data.tms.lib: opa
// build compiles what it verifies, so it needs the library, and as every
// path is a bundle once -b is given, the exported library goes in as a
// bundle of its own (roots tms/lib) signed with the same key.
func TestTmsSignatureOfARuleBundleVerifiesInOPA(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the OPA CLI")
	}
	dir := t.TempDir()
	keys := rsaKeys(t)
	signed := acmeBundle(t, &keys)
	acme := writeFile(t, dir, "acme.tar.gz", signed)
	pub := writeFile(t, dir, "pub.pem", keys.public)
	priv := writeFile(t, dir, "key.pem", keys.private)
	out := filepath.Join(dir, "out.tar.gz")

	if got, err := runOPA("build", "-b", acme, "--verification-key", pub, "-o", out); err == nil ||
		!strings.Contains(string(got), "undefined function data.tms.lib.finding") {
		t.Fatalf("opa build without the library: %v\n%s", err, got)
	}

	export := filepath.Join(dir, "tms-lib")
	if _, err := engine.ExportLibrary(export); err != nil {
		t.Fatal(err)
	}
	libDir := filepath.Join(export, "lib")
	writeFile(t, libDir, ".manifest", []byte(`{"roots": ["tms/lib"]}`))
	lib := filepath.Join(dir, "tms-lib.tar.gz")
	opa(t, "build", "-b", libDir, "--signing-key", priv, "-o", lib)
	opa(t, "build", "-b", acme, lib, "--verification-key", pub, "-o", out)

	tampered := writeFile(t, dir, "tampered.tar.gz", tamper(t, signed, "/rules.rego"))
	got, err := runOPA("build", "-b", tampered, lib, "--verification-key", pub, "-o", out)
	if err == nil || !strings.Contains(string(got), "rules.rego: digest mismatch") {
		t.Errorf("opa build of a bundle changed after signing: %v\n%s", err, got)
	}
}
