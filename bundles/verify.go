package bundles

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/keys"

	"github.com/tms-dev/tms/engine"
)

// DefaultKeyID is the key id OPA signs and verifies with when none is named.
const DefaultKeyID = "default"

// Verify reads a bundle and checks its signature against a public key: an
// unsigned bundle, one signed by another key, or one whose files changed
// after signing is refused, naming the file whose digest differs.
func Verify(data []byte, ref string, key []byte, keyID string, lim Limits) (engine.Bundle,
	error) {
	if key == nil {
		return engine.Bundle{}, errors.New("verify: no public key given")
	}
	return Read(data, ref, Verification{Key: key, KeyID: keyID, Required: true}, lim)
}

// verificationConfig builds OPA's verification settings for one PEM public
// key, known by keyID, which must be the kid the signature names. The key
// id is never empty: an empty one once let unsigned bundles through
// (GHSA-g2pf-6v5v-qcc8), so it is refused here whatever OPA does.
//
// A key id set in OPA's settings would win over the signature's kid, and
// any signer's kid would pass. So the key goes in the key set under keyID
// and the settings name none: OPA then looks the key up by the kid the
// signature names, and a signature naming another kid finds no key. The
// signature stays required (NewVerificationConfig does not make it
// optional), so an unsigned bundle is still refused.
func verificationConfig(key []byte, keyID string) (*bundle.VerificationConfig, error) {
	if keyID == "" {
		return nil, errors.New("the verification key id is empty")
	}
	alg, err := publicKeyAlgorithm(key)
	if err != nil {
		return nil, err
	}
	cfg := map[string]*keys.Config{keyID: {Key: string(key), Algorithm: alg}}
	return bundle.NewVerificationConfig(cfg, "", "", nil), nil
}

// publicKeyAlgorithm picks the JWT algorithm a PEM public key verifies:
// RS256 for RSA, ES256, ES384 or ES512 for ECDSA by curve.
func publicKeyAlgorithm(key []byte) (string, error) {
	block, _ := pem.Decode(key)
	if block == nil {
		return "", errors.New("verification key: no PEM block")
	}
	var pub any
	var err error
	switch block.Type {
	case "PUBLIC KEY":
		pub, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		pub, err = x509.ParsePKCS1PublicKey(block.Bytes)
	default:
		return "", fmt.Errorf("verification key: a %s, not a public key", block.Type)
	}
	if err != nil {
		return "", fmt.Errorf("verification key: %w", err)
	}
	return algorithmFor(pub)
}

func algorithmFor(key any) (string, error) {
	switch k := key.(type) {
	case *rsa.PublicKey:
		return "RS256", nil
	case *ecdsa.PublicKey:
		return curveAlgorithm(k.Curve)
	case *rsa.PrivateKey:
		return "RS256", nil
	case *ecdsa.PrivateKey:
		return curveAlgorithm(k.Curve)
	}
	return "", fmt.Errorf("key of type %T: expected RSA or ECDSA", key)
}

func curveAlgorithm(c elliptic.Curve) (string, error) {
	switch c {
	case elliptic.P256():
		return "ES256", nil
	case elliptic.P384():
		return "ES384", nil
	case elliptic.P521():
		return "ES512", nil
	}
	return "", fmt.Errorf("ECDSA curve %s: expected P-256, P-384 or P-521", c.Params().Name)
}

// Digest names bundle content the way OCI registries do: sha256:<hex>.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}
