package builtin

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tms-dev/tms/extractors"
)

// BenchmarkWalk measures one walk with every built-in extractor over a
// monorepo-shaped tree: services with a Dockerfile, a go.mod, a package.json
// and its lockfile, a Kubernetes manifest and a Terraform file each, among
// plain source files. YAML, JSON and Terraform are what most extractors
// claim, so they are where a walk spends its time. At 2,000 services the
// tree has 20,000 files; files/s is the throughput, using every core.
func BenchmarkWalk(b *testing.B) {
	for _, services := range []int{100, 2000} {
		dir := monorepo(b, services)
		b.Run(fmt.Sprintf("files=%d", services*10), func(b *testing.B) {
			var files int
			for b.Loop() {
				res, err := extractors.Walk(context.Background(), dir,
					extractors.Options{Extractors: All()})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Diagnostics) > 0 {
					b.Fatalf("the generated tree gave diagnostics: %+v", res.Diagnostics[0])
				}
				if len(res.Items) < services*5 {
					b.Fatalf("found %d items, want at least %d", len(res.Items), services*5)
				}
				files += len(res.Files)
			}
			b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

func monorepo(b *testing.B, services int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range services {
		svc := filepath.Join(dir, "services", fmt.Sprintf("svc%04d", i))
		files := map[string]string{
			"Dockerfile": fmt.Sprintf("FROM golang:1.26 AS build\nRUN go build\n"+
				"FROM gcr.io/distroless/static\nUSER nonroot\nEXPOSE %d\n", 8000+i),
			"go.mod": "module example.com/svc\n\ngo 1.26\n\nrequire (\n" +
				"\tgithub.com/go-chi/chi/v5 v5.2.3\n\tgolang.org/x/net v0.40.0 // indirect\n)\n",
			"package.json":      `{"dependencies": {"react": "^19.2.0", "left-pad": "1.3.0"}}`,
			"package-lock.json": packageLock,
			"deploy/k8s.yaml":   fmt.Sprintf(k8sManifest, i, i, 8000+i),
			"infra/main.tf":     fmt.Sprintf(terraformBucket, i),
		}
		for f := range 4 {
			files[fmt.Sprintf("src/file%d.go", f)] = "package svc\n"
		}
		for name, content := range files {
			writeFile(b, filepath.Join(svc, name), content)
		}
	}
	return dir
}

const packageLock = `{
  "name": "svc", "lockfileVersion": 3, "requires": true,
  "packages": {
    "": {"dependencies": {"react": "^19.2.0", "left-pad": "1.3.0"}},
    "node_modules/react": {"version": "19.2.0",
      "resolved": "https://registry.npmjs.org/react/-/react-19.2.0.tgz",
      "integrity": "sha512-AAAA"},
    "node_modules/left-pad": {"version": "1.3.0",
      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
      "integrity": "sha512-BBBB"}
  }
}
`

const k8sManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc%04d
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/svc%04d:1.0
          ports:
            - containerPort: %d
---
apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  type: ClusterIP
  ports:
    - port: 80
`

const terraformBucket = `resource "aws_s3_bucket" "data" {
  bucket = "svc%04d-data"
}
`

func writeFile(b *testing.B, path, content string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		b.Fatal(err)
	}
}
