package bundles

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/tms-dev/tms/engine"
)

// Limits bound what reading one bundle may cost, against archives built to
// exhaust memory (a gzip bomb, a tar entry declaring a gigabyte).
type Limits struct {
	Compressed   int64 // bytes of the .tar.gz itself
	Uncompressed int64 // bytes of all its files together
	Files        int   // entries in the archive
}

// DefaultLimits suit policy bundles, which are text and small.
var DefaultLimits = Limits{Compressed: 16 << 20, Uncompressed: 64 << 20, Files: 10_000}

// ErrInvalidBundle is wrapped by every error about a bundle's content.
var ErrInvalidBundle = errors.New("invalid bundle")

// checkArchive reads the whole archive once, before OPA parses it, and
// refuses what a policy bundle never holds: paths that climb out with "..",
// links and devices, WebAssembly, plans and delta patches, more bytes or
// files than the limits. OPA's tarballs name files from the bundle root
// ("/data.json"), so one leading slash is that root, not the filesystem's.
func checkArchive(data []byte, lim Limits) error {
	_, err := scanArchive(data, lim)
	return err
}

// scanArchive is checkArchive, also reporting whether the archive carries
// a .signatures.json, which OPA's reader skips unread when it verifies
// nothing.
func scanArchive(data []byte, lim Limits) (signed bool, err error) {
	if int64(len(data)) > lim.Compressed {
		return false, fmt.Errorf("%w: %d bytes, over the limit of %d", ErrInvalidBundle,
			len(data), lim.Compressed)
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return false, fmt.Errorf("%w: not a .tar.gz: %v", ErrInvalidBundle, err)
	}
	tr := tar.NewReader(io.LimitReader(gz, lim.Uncompressed+1))
	var total int64
	for files := 0; ; files++ {
		h, err := tr.Next()
		if err == io.EOF {
			return signed, nil
		}
		if err != nil {
			return false, fmt.Errorf("%w: archive: %v", ErrInvalidBundle, err)
		}
		if files >= lim.Files {
			return false, fmt.Errorf("%w: more than %d files", ErrInvalidBundle, lim.Files)
		}
		if err := checkEntry(h); err != nil {
			return false, fmt.Errorf("%w: %s: %v", ErrInvalidBundle, h.Name, err)
		}
		signed = signed || strings.TrimPrefix(h.Name, "/") == ".signatures.json"
		total += h.Size
		if h.Size < 0 || total > lim.Uncompressed {
			return false, fmt.Errorf("%w: %s: files add up to more than the limit of %d bytes",
				ErrInvalidBundle, h.Name, lim.Uncompressed)
		}
		if _, err := io.Copy(io.Discard, tr); err != nil {
			return false, fmt.Errorf("%w: %s: %v", ErrInvalidBundle, h.Name, err)
		}
	}
}

func checkEntry(h *tar.Header) error {
	name := strings.TrimPrefix(h.Name, "/")
	switch {
	case name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") ||
		strings.Contains(name, ":"):
		return errors.New("not a relative path inside the bundle")
	case path.Clean(name) != strings.TrimSuffix(name, "/") || hasDotDot(name):
		return errors.New("path is not clean (\"..\", \".\" or \"//\")")
	case h.Typeflag == tar.TypeDir:
		return nil
	case h.Typeflag != tar.TypeReg:
		return errors.New("not a regular file (links and devices are refused)")
	}
	return checkFileName(name)
}

func hasDotDot(name string) bool {
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// checkFileName admits the files of a policy bundle: Rego, data documents,
// the manifest and the signatures.
func checkFileName(name string) error {
	base := path.Base(name)
	switch {
	case strings.HasSuffix(base, ".rego"), base == "data.json", bundle.IsYAMLDataFile(base),
		name == ".manifest", name == ".signatures.json":
		return nil
	}
	return errors.New("not a Rego, data, .manifest or .signatures.json file " +
		"(tms bundles hold no WebAssembly, plans or patches)")
}

// Verification says how a bundle's signature is checked.
type Verification struct {
	Key      []byte // PEM public key; with a key, a valid signature is always required
	KeyID    string // the key id the signature must name; never empty with a key
	Required bool   // without a key, refuse the bundle rather than read it unverified
}

// Read checks, verifies and parses a bundle archive. The digest of data
// identifies it in reports and the cache.
func Read(data []byte, ref string, v Verification, lim Limits) (engine.Bundle, error) {
	hasSignature, err := scanArchive(data, lim)
	if err != nil {
		return engine.Bundle{}, fmt.Errorf("bundle %s: %w", ref, err)
	}
	loader := bundle.NewTarballLoaderWithBaseURL(bytes.NewReader(data), "").
		WithSizeLimitBytes(lim.Uncompressed)
	b, verified, err := readWith(loader, v, lim)
	if err != nil {
		return engine.Bundle{}, fmt.Errorf("bundle %s: %w", ref, err)
	}
	eb, err := toEngine(b, ref)
	if err != nil {
		return engine.Bundle{}, fmt.Errorf("bundle %s: %w", ref, err)
	}
	eb.Digest, eb.Signed = Digest(data), verified
	eb.Signature = signatureState(verified, hasSignature)
	return eb, nil
}

func signatureState(verified, hasSignature bool) engine.SignatureState {
	switch {
	case verified:
		return engine.SignatureVerified
	case hasSignature:
		return engine.SignatureNotVerified
	}
	return engine.SignatureNone
}

// readWith runs OPA's reader with signature verification as v asks. With a
// key, the bundle must carry a signature that verifies with it; without
// one, the bundle is parsed unverified, or refused when v requires a
// signature.
func readWith(loader bundle.DirectoryLoader, v Verification, lim Limits) (bundle.Bundle, bool,
	error) {
	r := bundle.NewCustomReader(loader).
		WithRegoVersion(ast.RegoV1).
		WithProcessAnnotations(true).
		WithSizeLimitBytes(lim.Uncompressed)
	if v.Key == nil {
		if v.Required {
			return bundle.Bundle{}, false, errors.New(
				"a signature is required: give the public key with --verification-key")
		}
		b, err := r.WithSkipBundleVerification(true).Read()
		return b, false, err
	}
	vc, err := verificationConfig(v.Key, v.KeyID)
	if err != nil {
		return bundle.Bundle{}, false, err
	}
	b, err := r.WithBundleVerificationConfig(vc).Read()
	if err != nil {
		return b, false, fmt.Errorf("signature verification failed: %w", err)
	}
	return b, len(b.Signatures.Signatures) > 0, nil
}

// toEngine keeps what the engine needs of a parsed bundle, and refuses what
// it cannot evaluate.
func toEngine(b bundle.Bundle, ref string) (engine.Bundle, error) {
	if len(b.WasmModules) > 0 || len(b.PlanModules) > 0 || len(b.Wasm) > 0 {
		return engine.Bundle{}, fmt.Errorf("%w: holds WebAssembly or plans", ErrInvalidBundle)
	}
	if v := b.Manifest.RegoVersion; (v != nil && *v != 1) || len(b.Manifest.FileRegoVersions) > 0 {
		return engine.Bundle{}, fmt.Errorf("%w: .manifest asks for another Rego version than v1, "+
			"the only one tms reads", ErrInvalidBundle)
	}
	// fstest.MapFS is the standard library's in-memory file system; the
	// engine walks it like a directory.
	policies := fstest.MapFS{}
	for _, m := range b.Modules {
		policies[strings.TrimPrefix(m.Path, "/")] = &fstest.MapFile{Data: m.Raw, Mode: 0o444}
	}
	roots := []string{""}
	if b.Manifest.Roots != nil {
		roots = *b.Manifest.Roots
	}
	data := b.Data
	if data == nil {
		data = map[string]any{}
	}
	return engine.Bundle{Ref: ref, Revision: b.Manifest.Revision, Roots: roots,
		Policies: policies, Data: data}, nil
}
