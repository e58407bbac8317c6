package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"os"

	"github.com/rogpeppe/go-internal/testscript"
)

// genKeys writes a fresh key pair for a script, so no private key is ever
// committed:
//
//	genkeys rsa|ecdsa PRIVATE.pem PUBLIC.pem
func genKeys(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: genkeys rsa|ecdsa PRIVATE.pem PUBLIC.pem")
	}
	var priv, pub any
	switch args[0] {
	case "rsa":
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		ts.Check(err)
		priv, pub = k, &k.PublicKey
	case "ecdsa":
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		ts.Check(err)
		priv, pub = k, &k.PublicKey
	default:
		ts.Fatalf("genkeys: unknown key type %q", args[0])
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(priv)
	ts.Check(err)
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}), 0o600))
	ts.Check(os.WriteFile(ts.MkAbs(args[2]),
		pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644))
}

// tamper appends a comment to one file of a bundle archive after it was
// signed, leaving the signature as it was:
//
//	tamper BUNDLE.tar.gz /rules.rego
func tamper(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: tamper BUNDLE ENTRY")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	gz, err := gzip.NewReader(bytes.NewReader(data))
	ts.Check(err)
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	tr := tar.NewReader(gz)
	found := false
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		ts.Check(err)
		body, err := io.ReadAll(tr)
		ts.Check(err)
		if h.Name == args[1] {
			body, found = append(body, "\n# changed after signing\n"...), true
		}
		h.Size = int64(len(body))
		ts.Check(tw.WriteHeader(h))
		_, err = tw.Write(body)
		ts.Check(err)
	}
	if !found {
		ts.Fatalf("tamper: %s has no entry %s", args[0], args[1])
	}
	ts.Check(tw.Close())
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(path, out.Bytes(), 0o644))
}
