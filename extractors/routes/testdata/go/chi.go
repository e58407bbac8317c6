package api

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

func Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Logger)
	r.Get("/", index)
	r.Route("/users", func(r chi.Router) {
		r.Post("/", createUser)
		r.Route("/{id}", func(r chi.Router) {
			r.Get("/", getUser)
			r.With(auth).Delete("/", deleteUser)
		})
	})
	r.Group(func(r chi.Router) {
		r.Use(auth)
		r.Put("/settings", putSettings)
	})
	admin := chi.NewRouter()
	admin.Get("/stats", stats)
	r.Mount("/admin", admin)
	r.Mount("/debug", middleware.Profiler())
	r.Method("PATCH", "/things/{id}", patchThing)
	r.HandleFunc("GET /files/*", files)
	return r
}

func mountUsers(r chi.Router) {
	r.Get("/me", me)
}

type server struct{ router chi.Router }

func (s *server) routes() {
	s.router.Post("/login", s.login)
	cache := newCache()
	cache.Get("/not-a-route", 1)
}
