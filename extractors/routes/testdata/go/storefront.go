package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/gorilla/mux"
)

// basePath is where the shop is served, set when it sits behind a gateway.
var basePath = os.Getenv("BASE_PATH")

func (s *shop) router() http.Handler {
	r := mux.NewRouter()
	r.HandleFunc(basePath+"/", s.home).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc(basePath+"/item/{id}", s.item).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc(basePath+"/basket", s.basket).Methods(http.MethodGet)
	r.HandleFunc(basePath+"/basket", s.addToBasket).Methods(http.MethodPost)
	r.HandleFunc(basePath+"/basket/checkout", s.checkout).Methods(http.MethodPost)
	r.PathPrefix(basePath + "/assets/").Handler(http.FileServer(http.Dir("./assets")))
	r.HandleFunc(basePath+"/healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "ok")
	})
	r.HandleFunc(basePath+"/item/"+os.Getenv("PROMO"), s.promo).Methods(http.MethodGet)
	api := r.PathPrefix(basePath + "/api").Subrouter()
	api.HandleFunc("/prices", s.prices).Methods(http.MethodGet)
	return r
}
