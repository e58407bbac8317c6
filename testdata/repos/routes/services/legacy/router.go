package legacy

import (
	"net/http"

	"github.com/gorilla/mux"
)

// NewRouter wires the legacy API.
func NewRouter(h *Handler) *mux.Router {
	r := mux.NewRouter()
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/accounts", h.ListAccounts).Methods(http.MethodGet)
	api.HandleFunc("/accounts/{id:[0-9]+}", h.UpdateAccount).Methods("PUT", "PATCH")
	r.PathPrefix("/static/").Handler(http.StripPrefix("/static/", http.FileServer(http.Dir("static"))))
	return r
}
