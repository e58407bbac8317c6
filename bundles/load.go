package bundles

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tms-dev/tms/engine"
)

// LoadOptions say where remote bundles come from and how every bundle is
// verified.
type LoadOptions struct {
	Fetcher *Fetcher
	Key     []byte // PEM public key for --verification-key
	KeyID   string // --verification-key-id
	// RequireSigned forces (true) or waives (false) signatures; nil requires
	// them for remote bundles only. A Key requires them whatever this says.
	RequireSigned *bool
}

// IsRemote reports whether a reference names a bundle fetched over the
// network: an https:// URL or an oci:// reference.
func IsRemote(ref string) bool {
	return strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "oci://")
}

// Load resolves each reference (a .tar.gz file, a directory, an https://
// URL or an oci:// reference) into a verified bundle, in order.
func Load(ctx context.Context, refs []string, opts LoadOptions) ([]engine.Bundle, error) {
	out := make([]engine.Bundle, 0, len(refs))
	for _, ref := range refs {
		b, err := loadOne(ctx, ref, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func loadOne(ctx context.Context, ref string, opts LoadOptions) (engine.Bundle, error) {
	required := IsRemote(ref)
	if opts.RequireSigned != nil {
		required = *opts.RequireSigned
	}
	// A configured key says which signer the organisation trusts. Letting an
	// unsigned bundle through beside it would let a repository point
	// bundles: in its own .tms.yaml at an edited copy of the rules.
	if opts.Key != nil {
		required = true
	}
	if required && opts.Key == nil {
		return engine.Bundle{}, fmt.Errorf("bundle %s must be signed: give the public key with "+
			"--verification-key (or pass --require-signed=false for a bundle you trust)", ref)
	}
	v := Verification{Key: opts.Key, KeyID: opts.KeyID, Required: required}
	lim := opts.Fetcher.Limits
	read := func(data []byte) (engine.Bundle, error) { return Read(data, ref, v, lim) }

	switch {
	case strings.HasPrefix(ref, "https://"):
		return opts.Fetcher.fetchHTTP(ctx, ref, read)
	case strings.HasPrefix(ref, "oci://"):
		return opts.Fetcher.fetchOCI(ctx, ref, read)
	case strings.Contains(ref, "://"):
		return engine.Bundle{}, fmt.Errorf("bundle %s: expected a file, a directory, an "+
			"https:// URL or an oci:// reference", ref)
	}
	return loadLocal(ref, v, lim)
}

// loadLocal reads a bundle file, or a directory laid out as a bundle. A
// directory carries no signature tms checks, so it cannot be required to.
func loadLocal(ref string, v Verification, lim Limits) (engine.Bundle, error) {
	info, err := os.Stat(ref)
	if err != nil {
		return engine.Bundle{}, fmt.Errorf("bundle: %w", err)
	}
	if !info.IsDir() {
		if info.Size() > lim.Compressed {
			return engine.Bundle{}, fmt.Errorf("bundle %s: %w: %d bytes, over the limit of %d",
				ref, ErrInvalidBundle, info.Size(), lim.Compressed)
		}
		data, err := os.ReadFile(ref)
		if err != nil {
			return engine.Bundle{}, fmt.Errorf("bundle: %w", err)
		}
		return Read(data, ref, v, lim)
	}
	if v.Required {
		return engine.Bundle{}, fmt.Errorf("bundle %s is a directory, which carries no "+
			"signature tms verifies: build and sign it with tms bundle build", ref)
	}
	b, err := loadDir(os.DirFS(ref))
	if err != nil {
		return engine.Bundle{}, fmt.Errorf("bundle %s: %w", ref, err)
	}
	if b.Manifest.Roots == nil {
		roots := packageRoots(b.Modules)
		b.Manifest.Roots = &roots
	}
	b.Manifest.SetRegoVersion(ast.RegoV1)
	data, err := writeBundle(b)
	if err != nil {
		return engine.Bundle{}, err
	}
	eb, err := Read(data, ref, Verification{}, lim)
	eb.Digest = ""
	return eb, err
}
