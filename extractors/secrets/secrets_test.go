package secrets

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/tms-dev/tms/extractors"
	"github.com/tms-dev/tms/extractors/extractortest"
)

func secretFile(p, typ string, line int) []extractors.Item {
	return []extractors.Item{{
		ID: "secret.file:" + p, Kind: "secret.file",
		Name:     strings.ReplaceAll(typ, "_", " ") + " in " + p,
		Exposure: extractors.ExposureUnknown, Attributes: map[string]any{"type": typ},
		Location: extractors.Location{Path: p, Line: line},
	}}
}

// cases pairs each fixture with the path it is found at in a repository and
// the item expected, nil when the file holds no credential.
var cases = []struct {
	fixture, path string
	want          []extractors.Item
}{
	{"id_rsa", "deploy/id_rsa", secretFile("deploy/id_rsa", "private_key", 1)},
	{"bundle.pem", "tls/bundle.pem", secretFile("tls/bundle.pem", "private_key", 4)},
	{"cert.pem", "tls/cert.pem", nil},
	{"raw.key", "tls/server.key", secretFile("tls/server.key", "private_key", 1)},
	{"notes.txt", "docs/notes.txt", secretFile("docs/notes.txt", "private_key", 3)},
	{"plain.txt", "docs/plain.txt", nil},
	{"dotenv", ".env", secretFile(".env", "dotenv", 1)},
	{"dotenv", "api/.env.production", secretFile("api/.env.production", "dotenv", 1)},
	{"aws-credentials", "ops/.aws/credentials",
		secretFile("ops/.aws/credentials", "aws_credentials", 1)},
	// A copy of the shared credentials file outside .aws, found by content.
	{"shared-credentials", "deploy/credentials",
		secretFile("deploy/credentials", "aws_credentials", 4)},
	{"env-credentials", "scripts/credentials", nil},
	{"config-credentials", "backup/aws/credentials", nil},
	{"app.tfstate", "infra/terraform.tfstate",
		secretFile("infra/terraform.tfstate", "terraform_state", 1)},
	{"app.tfstate", "infra/terraform.tfstate.backup",
		secretFile("infra/terraform.tfstate.backup", "terraform_state", 1)},
	{"service-account.json", "ci/credentials.json",
		secretFile("ci/credentials.json", "gcp_service_account", 2)},
	{"keymap.json", "ui/keymap.json", nil},
	{"token.npmrc", ".npmrc", secretFile(".npmrc", "npm_token", 2)},
	{"env.npmrc", "web/.npmrc", nil},
	{"pypirc", ".pypirc", secretFile(".pypirc", "pypi_credentials", 6)},
	{"netrc", "ci/.netrc", secretFile("ci/.netrc", "netrc", 3)},
	{"docker-config.json", ".docker/config.json",
		secretFile(".docker/config.json", "docker_config", 4)},
	{"docker-helper.json", "ci/.docker/config.json", nil},
	{"cluster.yaml", "deploy/cluster.yaml", secretFile("deploy/cluster.yaml", "kubeconfig", 3)},
	{"cluster.yaml", "ops/.kube/config", secretFile("ops/.kube/config", "kubeconfig", 1)},
	{"deployment.yaml", "deploy/deployment.yaml", nil},
}

func TestExtract(t *testing.T) {
	for _, tt := range cases {
		t.Run(tt.path, func(t *testing.T) {
			got, err := extract(t, tt.path, tt.fixture)
			extractortest.CheckResult(t, got, err, tt.want, 0, "")
		})
	}
}

// fakeSecrets are the values the fixtures hold. None may appear in any
// item or error, even in part.
var fakeSecrets = []string{
	"AKIAFAKE", "fakeSecret", "npm_FAKE", "pypi-FAKE", "netrc-FAKE", "FAKE-KUBE",
	"ZmFrZTpm", "b3BlbnNz", "MIIEFAKE", "MIIEvFAKE", "MHcFAKE", "fakekeyid",
	"TFSTATE",
}

func TestNoValueLeaks(t *testing.T) {
	for _, tt := range cases {
		items, err := extract(t, tt.path, tt.fixture)
		out, jsonErr := json.Marshal(items)
		if jsonErr != nil {
			t.Fatal(jsonErr)
		}
		text := string(out) + fmt.Sprint(err)
		for _, secret := range fakeSecrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s: output holds %q: %s", tt.path, secret, text)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]bool{
		".env": true, "svc/.env.local": true, ".env.example": false, ".env.sample": false,
		".env.template": false, "id_ed25519": true, "id_ed25519.pub": false,
		"certs/ca.crt": true, "keys/signing.p12": true, "store.jks": true,
		"x.publishsettings": true, ".aws/credentials": true, "aws/credentials": true,
		"infra/terraform.tfstate": true, "prod.tfstate.backup": true, "tfstate.go": false,
		"terraform.tfstate.1585600610.backup": true, ".terraform.tfstate.lock.info": false,
		"prod.kubeconfig": true, ".kube/config": true, "main.go": false,
		"credentials.json": true, "package.json": false, "README.md": false,
		".docker/config.json": true, "config.json": false, "k8s/app.yaml": true,
		"bin/tool": false,
	}
	for p, want := range tests {
		if got := New().Match(p); got != want {
			t.Errorf("Match(%q) = %v, want %v", p, got, want)
		}
	}
}

// extract reads the fixture under testdata as the file at path p.
func extract(t testing.TB, p, fixture string) ([]extractors.Item, error) {
	t.Helper()
	file := extractors.File{Path: p, Content: extractortest.Fixture(t, "testdata", fixture)}
	return New().Extract(file, nil)
}
