package bundles

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"
)

// emptyConfig is the image config OPA's documentation pushes bundles with.
var emptyConfig = []byte("{}")

// Push publishes a bundle to an OCI registry in OPA's layout: a manifest
// with one layer of type application/vnd.oci.image.layer.v1.tar+gzip that is
// the bundle tarball itself. (A layer per file, as some tools push, is not
// something OPA can read.) Credentials come from the Docker credential
// store. It returns the manifest's digest.
func (f *Fetcher) Push(ctx context.Context, data []byte, ref string) (string, error) {
	if err := checkArchive(data, f.Limits); err != nil {
		return "", err
	}
	repo, err := f.repository(ref)
	if err != nil {
		return "", err
	}
	if repo.Reference.Reference == "" {
		return "", fmt.Errorf("push %s: name a tag, e.g. oci://registry/repo:1.0", ref)
	}
	layer := content.NewDescriptorFromBytes(ocispec.MediaTypeImageLayerGzip, data)
	config := content.NewDescriptorFromBytes(ocispec.MediaTypeImageConfig, emptyConfig)
	for _, blob := range []struct {
		desc ocispec.Descriptor
		data []byte
	}{{layer, data}, {config, emptyConfig}} {
		if err := repo.Push(ctx, blob.desc, bytes.NewReader(blob.data)); err != nil &&
			!errors.Is(err, errdef.ErrAlreadyExists) {
			return "", fmt.Errorf("push %s: %w", ref, err)
		}
	}
	manifest, err := oras.PackManifest(ctx, repo, oras.PackManifestVersion1_1, "",
		oras.PackManifestOptions{Layers: []ocispec.Descriptor{layer}, ConfigDescriptor: &config})
	if err != nil {
		return "", fmt.Errorf("push %s: manifest: %w", ref, err)
	}
	if err := repo.Tag(ctx, manifest, repo.Reference.Reference); err != nil {
		return "", fmt.Errorf("push %s: tag: %w", ref, err)
	}
	return manifest.Digest.String(), nil
}
