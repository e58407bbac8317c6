// Command orders serves the order API with the standard library's router.
package main

import (
	"log"
	"net/http"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders", listOrders)
	mux.HandleFunc("POST /orders", createOrder)
	mux.HandleFunc("GET /orders/{id}", getOrder)
	mux.HandleFunc("DELETE /orders/{id}", cancelOrder)
	mux.Handle("admin.internal/metrics", metricsHandler())
	http.HandleFunc("/healthz", healthz)

	log.Fatal(http.ListenAndServe(":8080", mux))
}

func healthz(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}
