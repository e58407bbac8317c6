package main

import (
	"net/http"

	"github.com/gorilla/mux"
)

func main() {
	r := mux.NewRouter()
	r.HandleFunc("/", HomeHandler)
	r.HandleFunc("/products/{key}", ProductHandler).Methods("GET", "put")
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/articles/{category}/{id:[0-9]+}", ArticleHandler).
		Methods(http.MethodGet).
		Name("article")
	api.Path("/orders").Methods("POST").HandlerFunc(createOrder)
	r.PathPrefix("/static/").Handler(http.FileServer(http.Dir("./static")))
	s := r.Host("www.example.com").Subrouter()
	s.HandleFunc("/hosted", hosted).Methods("DELETE")
	http.Handle("/", r)
}
