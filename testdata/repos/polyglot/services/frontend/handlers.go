package main

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/google/uuid"
	"github.com/gorilla/mux"
	"google.golang.org/grpc"

	catalogv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/catalog/v1"
	checkoutv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/checkout/v1"
	pricingv1 "github.com/wayfarer-demo/wayfarer/services/gen/go/wayfarer/pricing/v1"
)

// sessionCookie names the cookie that ties a browser to its cart.
const sessionCookie = "wayfarer_session"

type frontend struct {
	catalog  catalogv1.CatalogServiceClient
	pricing  pricingv1.PricingServiceClient
	checkout checkoutv1.CheckoutServiceClient
	carts    *cartStore
	log      *slog.Logger
}

func newFrontend(conns map[string]*grpc.ClientConn, log *slog.Logger) *frontend {
	return &frontend{
		catalog:  catalogv1.NewCatalogServiceClient(conns["catalog"]),
		pricing:  pricingv1.NewPricingServiceClient(conns["pricing"]),
		checkout: checkoutv1.NewCheckoutServiceClient(conns["checkout"]),
		carts:    newCartStore(),
		log:      log,
	}
}

func (f *frontend) home(w http.ResponseWriter, r *http.Request) {
	resp, err := f.catalog.ListTrips(r.Context(), &catalogv1.ListTripsRequest{PageSize: 20})
	if err != nil {
		f.fail(w, "list trips", err)
		return
	}
	render(w, "home", resp.GetTrips())
}

func (f *frontend) trip(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	trip, err := f.catalog.GetTrip(r.Context(), &catalogv1.GetTripRequest{TripId: id})
	if err != nil {
		f.fail(w, "get trip", err)
		return
	}
	render(w, "trip", trip)
}

func (f *frontend) viewCart(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, f.carts.get(session(w, r)))
}

func (f *frontend) addToCart(w http.ResponseWriter, r *http.Request) {
	var line cartLine
	if err := json.NewDecoder(r.Body).Decode(&line); err != nil {
		http.Error(w, "bad cart line", http.StatusBadRequest)
		return
	}
	quote, err := f.pricing.GetQuote(r.Context(), &pricingv1.QuoteRequest{
		TripId: line.TripID, Passengers: line.Passengers, Currency: "EUR",
	})
	if err != nil {
		f.fail(w, "quote", err)
		return
	}
	line.QuoteID = quote.GetQuoteId()
	f.carts.add(session(w, r), line)
	w.WriteHeader(http.StatusCreated)
}

func (f *frontend) placeOrder(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Email     string `json:"email"`
		CardToken string `json:"card_token"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad order", http.StatusBadRequest)
		return
	}
	cart := f.carts.get(session(w, r))
	if len(cart) == 0 {
		http.Error(w, "cart is empty", http.StatusConflict)
		return
	}
	resp, err := f.checkout.PlaceOrder(r.Context(), &checkoutv1.PlaceOrderRequest{
		QuoteId: cart[0].QuoteID, CustomerEmail: req.Email, CardToken: req.CardToken,
	})
	if err != nil {
		f.fail(w, "place order", err)
		return
	}
	writeJSON(w, resp)
}

func (f *frontend) fail(w http.ResponseWriter, what string, err error) {
	f.log.Error(what, "err", err)
	http.Error(w, "something went wrong, please try again", http.StatusBadGateway)
}

// session returns the visitor's session id, setting the cookie on first visit.
func session(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value
	}
	id := uuid.NewString()
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, Secure: true,
		SameSite: http.SameSiteLaxMode,
	})
	return id
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
