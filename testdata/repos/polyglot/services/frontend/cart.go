package main

import (
	"html/template"
	"net/http"
	"sync"
)

// cartLine is one trip in a visitor's cart, with the quote that priced it.
type cartLine struct {
	TripID     string `json:"trip_id"`
	Passengers int32  `json:"passengers"`
	QuoteID    string `json:"quote_id"`
}

// cartStore keeps carts in memory: a restart empties them, which the product
// team accepted for the demo.
type cartStore struct {
	mu    sync.Mutex
	carts map[string][]cartLine
}

func newCartStore() *cartStore {
	return &cartStore{carts: map[string][]cartLine{}}
}

func (s *cartStore) get(session string) []cartLine {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]cartLine(nil), s.carts[session]...)
}

func (s *cartStore) add(session string, line cartLine) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.carts[session] = append(s.carts[session], line)
}

var templates = template.Must(template.ParseGlob("templates/*.html"))

func render(w http.ResponseWriter, name string, data any) {
	if err := templates.ExecuteTemplate(w, name+".html", data); err != nil {
		http.Error(w, "template error", http.StatusInternalServerError)
	}
}
