package bundles

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
)

// Signing names the private key that signs a bundle, OPA's way: a JWT in
// .signatures.json over the SHA-256 digest of every file.
type Signing struct {
	Key       []byte // PEM private key, RSA or ECDSA
	KeyID     string // written as the JWT's kid; DefaultKeyID when empty
	Algorithm string // RS256, ES256, ...; chosen from the key when empty
}

// Sign returns the bundle signed with s, replacing any signature it had.
// The archive is checked like any bundle read, and rewritten by OPA's
// writer so that every file the signature names is the file written.
func Sign(data []byte, s Signing, lim Limits) ([]byte, error) {
	if err := checkArchive(data, lim); err != nil {
		return nil, err
	}
	loader := bundle.NewTarballLoaderWithBaseURL(bytes.NewReader(data), "").
		WithSizeLimitBytes(lim.Uncompressed)
	b, err := bundle.NewCustomReader(loader).
		WithRegoVersion(ast.RegoV1).
		WithSkipBundleVerification(true).
		WithSizeLimitBytes(lim.Uncompressed).
		Read()
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	if err := signBundle(&b, s); err != nil {
		return nil, err
	}
	return writeBundle(b)
}

// signBundle adds the signature of s to b.
func signBundle(b *bundle.Bundle, s Signing) error {
	alg := s.Algorithm
	if alg == "" {
		var err error
		if alg, err = privateKeyAlgorithm(s.Key); err != nil {
			return err
		}
	}
	keyID := s.KeyID
	if keyID == "" {
		keyID = DefaultKeyID
	}
	cfg := bundle.NewSigningConfig(string(s.Key), alg, "")
	if err := b.GenerateSignature(cfg, keyID, false); err != nil {
		return fmt.Errorf("sign: %w", err)
	}
	return nil
}

// privateKeyAlgorithm picks the JWT algorithm for a PEM private key.
func privateKeyAlgorithm(key []byte) (string, error) {
	block, _ := pem.Decode(key)
	if block == nil {
		return "", errors.New("signing key: no PEM block")
	}
	var priv any
	var err error
	switch block.Type {
	case "PRIVATE KEY":
		priv, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		priv, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		priv, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		return "", fmt.Errorf("signing key: a %s, not a private key", block.Type)
	}
	if err != nil {
		return "", fmt.Errorf("signing key: %w", err)
	}
	return algorithmFor(priv)
}

// writeBundle serialises b as OPA does, modules byte for byte as read.
func writeBundle(b bundle.Bundle) ([]byte, error) {
	var buf bytes.Buffer
	if err := bundle.NewWriter(&buf).DisableFormat(true).Write(b); err != nil {
		return nil, fmt.Errorf("write bundle: %w", err)
	}
	return buf.Bytes(), nil
}
