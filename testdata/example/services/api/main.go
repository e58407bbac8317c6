package main

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/shop/api/middleware"
)

func main() {
	r := chi.NewRouter()
	r.Use(middleware.RequireToken)
	r.Get("/orders", listOrders)
	http.ListenAndServe(":8080", r)
}

func listOrders(w http.ResponseWriter, _ *http.Request) {
	w.Write([]byte("[]"))
}
