package catalog

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// Routes returns the catalog's handler.
func (s *Server) Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Logger)

	r.Route("/products", func(r chi.Router) {
		r.Get("/", s.listProducts)
		r.With(s.requireAdmin).Post("/", s.createProduct)
		r.Route("/{productID}", func(r chi.Router) {
			r.Get("/", s.getProduct)
			r.Put("/", s.updateProduct)
		})
	})

	admin := chi.NewRouter()
	admin.Use(s.requireAdmin)
	admin.Post("/reindex", s.reindex)
	r.Mount("/admin", admin)
	r.Mount("/debug", middleware.Profiler())
	return r
}

// registerReviews adds the review routes to whichever router it is given.
func (s *Server) registerReviews(r chi.Router) {
	r.Get("/reviews", s.listReviews)
}
