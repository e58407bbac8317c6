package bundles

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"testing"
)

// keyPair is a PEM private key and its public key, made for one test.
type keyPair struct {
	private, public []byte
}

func rsaKeys(t *testing.T) keyPair {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return pemPair(t, k, &k.PublicKey)
}

func ecdsaKeys(t *testing.T) keyPair {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pemPair(t, k, &k.PublicKey)
}

func pemPair(t *testing.T, priv, pub any) keyPair {
	t.Helper()
	privDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return keyPair{
		private: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}),
		public:  pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}),
	}
}

// acmeBundle builds the fixture directory, signed with keys when given.
func acmeBundle(t *testing.T, keys *keyPair) []byte {
	t.Helper()
	opts := BuildOptions{Limits: DefaultLimits}
	if keys != nil {
		opts.Signing = &Signing{Key: keys.private}
	}
	data, err := Build(context.Background(), "testdata/acme", opts)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
