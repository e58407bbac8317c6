package secrets

import (
	"path"
	"strings"

	"github.com/tms-dev/tms/extractors"
)

// Extractor finds credential files. The zero value is ready to use and safe
// for concurrent use.
type Extractor struct{}

// New returns a credential file extractor.
func New() *Extractor { return &Extractor{} }

// Name implements extractors.Extractor.
func (*Extractor) Name() string { return "secrets" }

// Match implements extractors.Extractor.
func (*Extractor) Match(p string) bool { return detectorFor(p) != nil }

// Extract implements extractors.Extractor. It never returns an error: what
// a credential file holds is never worth quoting, and a file that turns out
// not to hold one is simply not reported.
func (*Extractor) Extract(f extractors.File, _ extractors.Repo) ([]extractors.Item, error) {
	d := detectorFor(f.Path)
	if d == nil {
		return nil, nil
	}
	line := 1
	if d.check != nil {
		var ok bool
		if line, ok = d.check(f.Content); !ok {
			return nil, nil
		}
	}
	return []extractors.Item{{
		ID:         "secret.file:" + f.Path,
		Kind:       "secret.file",
		Name:       strings.ReplaceAll(d.typ, "_", " ") + " in " + f.Path,
		Exposure:   extractors.ExposureUnknown,
		Attributes: map[string]any{"type": d.typ},
		Location:   extractors.Location{Path: f.Path, Line: line},
	}}, nil
}

// detector says what credential a file of some name holds. check, when set,
// confirms it from the content and returns the line that shows it; without
// it the name alone decides.
type detector struct {
	typ   string
	check func(content []byte) (line int, ok bool)
}

// byName are files whose base name alone says what they hold.
var byName = map[string]detector{
	"id_rsa":           {typ: "private_key", check: notOnlyPublic},
	"id_dsa":           {typ: "private_key", check: notOnlyPublic},
	"id_ecdsa":         {typ: "private_key", check: notOnlyPublic},
	"id_ed25519":       {typ: "private_key", check: notOnlyPublic},
	"id_ecdsa_sk":      {typ: "private_key", check: notOnlyPublic},
	"id_ed25519_sk":    {typ: "private_key", check: notOnlyPublic},
	".env":             {typ: "dotenv"},
	".npmrc":           {typ: "npm_token", check: npmToken},
	".pypirc":          {typ: "pypi_credentials", check: pypiPassword},
	".netrc":           {typ: "netrc", check: netrcPassword},
	"_netrc":           {typ: "netrc", check: netrcPassword},
	".git-credentials": {typ: "git_credentials"},
	".pgpass":          {typ: "pgpass"},
	".htpasswd":        {typ: "htpasswd"},
	"kubeconfig":       {typ: "kubeconfig"},
}

// byExtension are files whose extension says what they may hold.
var byExtension = map[string]detector{
	".pem":             {typ: "private_key", check: notOnlyPublic},
	".key":             {typ: "private_key", check: notOnlyPublic},
	".ppk":             {typ: "private_key"},
	".p12":             {typ: "key_store"},
	".pfx":             {typ: "key_store"},
	".jks":             {typ: "key_store"},
	".keystore":        {typ: "key_store"},
	".publishsettings": {typ: "azure_publish_settings"},
	".kubeconfig":      {typ: "kubeconfig"},
	// Text files that may hold a pasted key are read to find one.
	".crt":  {typ: "private_key", check: privateKeyBlock},
	".cer":  {typ: "private_key", check: privateKeyBlock},
	".cert": {typ: "private_key", check: privateKeyBlock},
	".txt":  {typ: "private_key", check: privateKeyBlock},
	".asc":  {typ: "private_key", check: privateKeyBlock},
	".priv": {typ: "private_key", check: privateKeyBlock},
	".yaml": {typ: "kubeconfig", check: kubeconfigContent},
	".yml":  {typ: "kubeconfig", check: kubeconfigContent},
}

// exampleSuffixes mark dotenv files that document variables rather than
// set them.
var exampleSuffixes = []string{".example", ".sample", ".template", ".dist", ".defaults"}

func detectorFor(p string) *detector {
	base := path.Base(p)
	lower := strings.ToLower(base)
	parent := path.Base(path.Dir(p))
	ext := path.Ext(lower)

	if d, ok := byName[lower]; ok {
		return &d
	}
	switch {
	case strings.HasPrefix(lower, ".env."):
		for _, s := range exampleSuffixes {
			if strings.HasSuffix(lower, s) {
				return nil
			}
		}
		return &detector{typ: "dotenv"}
	case parent == ".aws" && lower == "credentials":
		return &detector{typ: "aws_credentials"}
	case lower == "credentials":
		// Copies of ~/.aws/credentials turn up under many folders.
		return &detector{typ: "aws_credentials", check: awsCredentials}
	case terraformState(lower):
		// Terraform writes every attribute of every resource into its
		// state, generated passwords and private keys included.
		return &detector{typ: "terraform_state"}
	case parent == ".kube" && lower == "config":
		return &detector{typ: "kubeconfig"}
	case parent == ".docker" && lower == "config.json":
		return &detector{typ: "docker_config", check: dockerAuth}
	case ext == ".json" && mayHoldGoogleCredentials(lower):
		return &detector{typ: "gcp_service_account", check: googleCredentials}
	}
	if d, ok := byExtension[ext]; ok {
		return &d
	}
	return nil
}

// terraformState reports whether a file name is a Terraform state or a
// copy of one: terraform.tfstate, terraform.tfstate.backup and the
// timestamped terraform.tfstate.1585600610.backup. The lock's
// .tfstate.lock.info holds only who holds the lock.
func terraformState(name string) bool {
	return strings.HasSuffix(name, ".tfstate") ||
		strings.Contains(name, ".tfstate.") && !strings.HasSuffix(name, ".tfstate.lock.info")
}

// mayHoldGoogleCredentials picks the JSON file names that Google's tools
// and their users give key files, so that not every JSON file is read.
func mayHoldGoogleCredentials(name string) bool {
	for _, word := range []string{"credential", "service-account", "service_account",
		"serviceaccount", "gcp", "gcloud", "key"} {
		if strings.Contains(name, word) {
			return true
		}
	}
	return false
}
