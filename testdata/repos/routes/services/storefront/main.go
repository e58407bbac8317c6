// Command storefront serves the shop's pages below BASE_URL, so that it can
// sit behind a gateway that routes a path prefix to it.
package main

import (
	"log"
	"net/http"
	"os"

	"github.com/gorilla/mux"
)

func main() {
	baseURL := os.Getenv("BASE_URL")
	s := newShop()

	r := mux.NewRouter()
	r.HandleFunc(baseURL+"/", s.home).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc(baseURL+"/product/{id}", s.product).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc(baseURL+"/cart", s.viewCart).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc(baseURL+"/cart", s.addToCart).Methods(http.MethodPost)
	r.HandleFunc(baseURL+"/cart/checkout", s.placeOrder).Methods(http.MethodPost)
	r.PathPrefix(baseURL + "/static/").Handler(http.FileServer(http.Dir("./static/")))
	r.HandleFunc(baseURL+"/_healthz", s.healthz)

	log.Fatal(http.ListenAndServe(":"+os.Getenv("PORT"), r))
}
