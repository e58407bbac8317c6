// Command catalog serves the trip catalog over gRPC, with health and metrics
// on a separate HTTP port that only the cluster reaches.
package main

import (
	"context"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	catalogv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/catalog/v1"
)

func main() {
	store, err := openStore(context.Background(), os.Getenv("CATALOG_DSN"))
	if err != nil {
		log.Fatalf("open store: %v", err)
	}

	go serveOps(":9090")

	lis, err := net.Listen("tcp", ":7000")
	if err != nil {
		log.Fatalf("listen: %v", err)
	}
	srv := grpc.NewServer()
	catalogv1.RegisterCatalogServiceServer(srv, &server{store: store})
	healthpb.RegisterHealthServer(srv, health.NewServer())
	log.Fatal(srv.Serve(lis))
}

// serveOps exposes liveness and Prometheus metrics.
func serveOps(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok"))
	})
	mux.Handle("GET /metrics", promhttp.Handler())
	log.Fatal(http.ListenAndServe(addr, mux))
}
