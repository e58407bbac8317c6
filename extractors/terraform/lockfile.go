package terraform

import (
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tms-dev/tms/extractors"
)

// lockFileName is the dependency lock file terraform init writes beside a
// module's configuration. Committed, it fixes each provider's version and
// checksums, so the next init installs the same provider.
const lockFileName = ".terraform.lock.hcl"

// lockSchema reads only the provider blocks of a lock file.
var lockSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "provider", LabelNames: []string{"address"}},
}}

// lockedProviders returns the addresses (registry.terraform.io/hashicorp/aws)
// the lock file of a module directory records, in lower case. A missing or
// unreadable lock file locks nothing; one that does not parse locks what
// could be read, and the providers it leaves out stay unlocked.
func lockedProviders(repo extractors.Repo, dir string) map[string]bool {
	if repo == nil {
		return nil
	}
	content, err := repo.ReadFile(path.Join(dir, lockFileName))
	if err != nil {
		return nil
	}
	file, _ := hclsyntax.ParseConfig(content, lockFileName, hcl.InitialPos)
	if file == nil || file.Body == nil {
		return nil
	}
	body, _, _ := file.Body.PartialContent(lockSchema)
	locked := map[string]bool{}
	for _, b := range body.Blocks {
		locked[strings.ToLower(b.Labels[0])] = true
	}
	return locked
}

// lockedBy tells whether a provider is in the lock: by its source when the
// file names one (hashicorp/aws is registry.terraform.io/hashicorp/aws),
// else by its local name, the last part of an address.
func lockedBy(locked map[string]bool, name, source string) bool {
	source = strings.ToLower(source)
	for address := range locked {
		switch {
		case source != "" && (address == source || strings.HasSuffix(address, "/"+source)):
			return true
		case source == "" && strings.HasSuffix(address, "/"+strings.ToLower(name)):
			return true
		}
	}
	return false
}
