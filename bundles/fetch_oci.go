package bundles

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"
	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/credentials"
	"oras.land/oras-go/v2/registry/remote/errcode"

	"github.com/tms-dev/tms/engine"
)

// maxManifest bounds an OCI manifest, which is a small JSON document.
const maxManifest = 1 << 20

// repository opens an oci:// reference with the Docker credential store
// (~/.docker/config.json, or $DOCKER_CONFIG) for auth. A registry on the
// loopback interface is spoken to over plain HTTP, as local registries are.
func (f *Fetcher) repository(ref string) (*remote.Repository, error) {
	repo, err := remote.NewRepository(strings.TrimPrefix(ref, "oci://"))
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", ref, err)
	}
	store, err := credentials.NewStoreFromDocker(credentials.StoreOptions{})
	if err != nil {
		return nil, fmt.Errorf("bundle %s: docker credentials: %w", ref, err)
	}
	repo.Client = &auth.Client{
		Client:     f.client(),
		Cache:      auth.NewCache(),
		Credential: credentials.Credential(store),
	}
	repo.PlainHTTP = isLoopback(repo.Reference.Registry)
	return repo, nil
}

func isLoopback(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// fetchOCI pulls a bundle stored OPA's way, a manifest whose one layer, of
// media type application/vnd.oci.image.layer.v1.tar+gzip, is the bundle
// tarball, and reads it with read. Layers are cached by digest, so an
// unchanged tag costs one manifest request; when the registry is
// unreachable, the layer the reference last resolved to is used with a
// warning.
func (f *Fetcher) fetchOCI(ctx context.Context, ref string, read readFunc) (engine.Bundle,
	error) {
	repo, err := f.repository(ref)
	if err != nil {
		return engine.Bundle{}, err
	}
	layer, err := f.bundleLayer(ctx, repo, ref)
	if err != nil {
		return f.cachedOCI(ref, err, read)
	}
	if data, err := f.Cache.get(layer.Digest.String()); err == nil {
		// The tag may have moved to content cached under another reference.
		return f.readAndRemember(ref, data, "", read)
	}
	if layer.Size > f.Limits.Compressed {
		return engine.Bundle{}, fmt.Errorf("bundle %s: %w: layer of %d bytes, over the limit of %d",
			ref, ErrInvalidBundle, layer.Size, f.Limits.Compressed)
	}
	data, err := content.FetchAll(ctx, repo, layer)
	if err != nil {
		return f.cachedOCI(ref, fmt.Errorf("bundle %s: %w", ref, err), read)
	}
	return f.readAndRemember(ref, data, "", read)
}

// cachedOCI stands in the layer a reference last resolved to when the
// registry could not be reached. A registry that answered, that it has no
// such reference or that it refuses the credentials, is believed: falling
// back then would keep a withdrawn bundle alive, or hide a broken login.
func (f *Fetcher) cachedOCI(ref string, err error, read readFunc) (engine.Bundle, error) {
	if !registryUnavailable(err) {
		return engine.Bundle{}, explainRegistryError(ref, err)
	}
	if _, data, ok := f.Cache.lookup(ref); ok {
		f.warn("registry unreachable: using the cached bundle", "ref", ref, "error", err)
		return readCached(data, read)
	}
	return engine.Bundle{}, err
}

// registryUnavailable reports whether an error is a failure of the network
// or of the registry (5xx), after which a cached copy may stand in.
func registryUnavailable(err error) bool {
	var resp *errcode.ErrorResponse
	switch {
	case errors.Is(err, ErrInvalidBundle), errors.Is(err, errdef.ErrNotFound),
		errors.Is(err, ErrInsecureRedirect):
		return false
	case errors.As(err, &resp):
		return resp.StatusCode >= 500
	}
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, context.DeadlineExceeded)
}

// explainRegistryError says what to do about an answer from the registry.
func explainRegistryError(ref string, err error) error {
	var resp *errcode.ErrorResponse
	switch {
	case errors.Is(err, errdef.ErrNotFound):
		return fmt.Errorf("%w (the registry has no such repository or tag; check the reference)",
			err)
	case errors.As(err, &resp) && (resp.StatusCode == http.StatusUnauthorized ||
		resp.StatusCode == http.StatusForbidden):
		return fmt.Errorf("%w (the registry refused the credentials: log in to it with "+
			"docker login, or check the account's access to %s)", err, ref)
	}
	return err
}

// bundleLayer resolves the reference and returns its single bundle layer.
func (f *Fetcher) bundleLayer(ctx context.Context, repo *remote.Repository, ref string) (
	ocispec.Descriptor, error) {
	desc, rc, err := repo.FetchReference(ctx, repo.Reference.Reference)
	if err != nil {
		return ocispec.Descriptor{}, fmt.Errorf("bundle %s: %w", ref, err)
	}
	defer rc.Close()
	if desc.Size > maxManifest {
		return ocispec.Descriptor{}, fmt.Errorf("bundle %s: %w: manifest of %d bytes", ref,
			ErrInvalidBundle, desc.Size)
	}
	raw, err := content.ReadAll(io.LimitReader(rc, maxManifest), desc)
	if err != nil {
		return ocispec.Descriptor{}, fmt.Errorf("bundle %s: manifest: %w", ref, err)
	}
	var m ocispec.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return ocispec.Descriptor{}, fmt.Errorf("bundle %s: %w: manifest: %v", ref,
			ErrInvalidBundle, err)
	}
	if len(m.Layers) != 1 || m.Layers[0].MediaType != ocispec.MediaTypeImageLayerGzip {
		return ocispec.Descriptor{}, fmt.Errorf("bundle %s: %w: expected one layer of type %s "+
			"holding the bundle tarball, as OPA reads it (found %d layers)", ref,
			ErrInvalidBundle, ocispec.MediaTypeImageLayerGzip, len(m.Layers))
	}
	return m.Layers[0], nil
}
