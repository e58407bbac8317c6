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
// monorepo-shaped tree of services written the way real ones are: each has
// a Dockerfile, a go.mod, a Kubernetes manifest, a Terraform file, an
// OpenAPI definition, a .proto service, a source file serving HTTP routes
// (Go, TypeScript, Python or Java in turn), a plain source file, and a
// manifest with a yarn, pnpm or Poetry lockfile (in turn). The route, API
// definition and lockfile parsers, among the costliest, thus count in
// files/s as they do in a real repository. At 2,000 services the tree has
// 20,000 files; the walk uses every core.
func BenchmarkWalk(b *testing.B) {
	for _, services := range []int{100, 2000} {
		dir := monorepo(b, services)
		b.Run(fmt.Sprintf("files=%d", services*filesPerService), func(b *testing.B) {
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
				checkKinds(b, res.Items, services)
				files += len(res.Files)
			}
			b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// filesPerService is the number of files monorepo writes for each service.
const filesPerService = 10

// checkKinds fails the benchmark when an extractor it means to measure
// found nothing, so that a template that stops matching is not mistaken
// for a faster walk.
func checkKinds(b *testing.B, items []extractors.Item, services int) {
	counts := map[string]int{}
	for _, it := range items {
		counts[it.Kind]++
	}
	for _, kind := range []string{"http.route", "api.operation", "grpc.method",
		"dependency", "container.port", "terraform.resource"} {
		if counts[kind] < services/4 {
			b.Fatalf("found %d items of kind %s for %d services: %v",
				counts[kind], kind, services, counts)
		}
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
			"deploy/k8s.yaml":   fmt.Sprintf(k8sManifest, i, i, 8000+i),
			"infra/main.tf":     fmt.Sprintf(terraformBucket, i),
			"api/openapi.yaml":  fmt.Sprintf(openAPIDefinition, i),
			"proto/items.proto": fmt.Sprintf(protoService, i),
			"src/util.go":       "package svc\n\nfunc clamp(n, lo, hi int) int { return max(lo, min(n, hi)) }\n",
		}
		route := routeFiles[i%len(routeFiles)]
		files[route.path] = route.content
		for name, content := range lockedManifests[i%len(lockedManifests)] {
			files[name] = content
		}
		if len(files) != filesPerService {
			b.Fatalf("service %d has %d files, want %d", i, len(files), filesPerService)
		}
		for name, content := range files {
			writeFile(b, filepath.Join(svc, name), content)
		}
	}
	return dir
}

func writeFile(b *testing.B, path, content string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		b.Fatal(err)
	}
}
