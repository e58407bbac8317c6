package main

import (
	"log"
	"net/http"
)

// http.HandleFunc("/in-a-comment", nope) is not a route.
const help = `mux.HandleFunc("/in-a-string", nope)`

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", getItem)
	mux.HandleFunc("POST /items", h.CreateItem)
	mux.Handle("api.example.com/status", statusHandler)
	mux.Handle("/static/", http.StripPrefix("/static/", files))
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		r.Get("/not-a-route")
	})
	http.Get("http://example.com/")
	mux.HandleFunc("no-slash", broken)
	log.Fatal(http.ListenAndServe(":8080", mux))
}

func register(m *http.ServeMux, prefix string) {
	m.HandleFunc("DELETE /items/{id}", deleteItem)
	m.HandleFunc(prefix+"/x", dynamic)
	m.HandleFunc("/users/"+prefix, byName)
}
