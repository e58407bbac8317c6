package secrets_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/builtin"
)

// TestFixtureRepositoryLeaksNoSecret walks the CI fixture repository, whose
// credential files, workflows and Dockerfile hold fake secrets, with every
// built-in extractor: no item or diagnostic may carry any of them.
func TestFixtureRepositoryLeaksNoSecret(t *testing.T) {
	res, err := extractors.Walk(context.Background(), "../../testdata/repos/ci-pipelines",
		extractors.Options{Extractors: builtin.All()})
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(struct {
		Items       []extractors.Item
		Diagnostics []extractors.Diagnostic
	}{res.Items, res.Diagnostics})
	if err != nil {
		t.Fatal(err)
	}

	secretFiles := 0
	for _, it := range res.Items {
		if it.Kind == "secret.file" {
			secretFiles++
		}
	}
	if secretFiles < 5 {
		t.Fatalf("found %d credential files in the fixture, want at least 5", secretFiles)
	}
	for _, secret := range []string{
		"AKIAFAKE", "FAKEfake", "FAKEDBPASSWORD", "ghp_", "FAKE-KUBE-TOKEN", "b3BlbnNz",
		"MIIEvQIB", "0000fakefake", "FAKEKEYBODY",
	} {
		if strings.Contains(string(out), secret) {
			t.Errorf("the surface of the fixture holds %q", secret)
		}
	}
}
