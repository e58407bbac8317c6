// Command frontend serves the wayfarer web site and its JSON API. It holds no
// data of its own: every page is assembled from gRPC calls to the catalog,
// pricing and checkout services.
package main

import (
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/gorilla/mux"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))

	conns := map[string]*grpc.ClientConn{}
	for name, addr := range map[string]string{
		"catalog":  env("CATALOG_ADDR", "catalog:7000"),
		"pricing":  env("PRICING_ADDR", "pricing:7000"),
		"checkout": env("CHECKOUT_ADDR", "checkout:7000"),
	} {
		conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			log.Error("dial", "service", name, "err", err)
			os.Exit(1)
		}
		conns[name] = conn
	}
	fe := newFrontend(conns, log)

	r := mux.NewRouter()
	r.HandleFunc("/", fe.home).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/trips/{id}", fe.trip).Methods(http.MethodGet)
	r.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
	})

	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/cart", fe.viewCart).Methods("GET")
	api.HandleFunc("/cart", fe.addToCart).Methods("POST")
	api.HandleFunc("/checkout", fe.placeOrder).Methods("POST")
	// Kept for the old mobile app until it is retired:
	// api.HandleFunc("/legacy/checkout", fe.legacyCheckout).Methods("POST")

	r.PathPrefix("/static/").Handler(http.StripPrefix("/static/", http.FileServer(http.Dir("./static"))))

	srv := &http.Server{
		Addr:              ":" + env("PORT", "8080"),
		Handler:           r,
		ReadHeaderTimeout: 5 * time.Second,
	}
	log.Info("listening", "addr", srv.Addr)
	if err := srv.ListenAndServe(); err != nil {
		log.Error("serve", "err", err)
		os.Exit(1)
	}
}

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
