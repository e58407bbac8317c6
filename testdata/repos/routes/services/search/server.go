package search

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// New builds the search service.
func New(h *Handlers) *echo.Echo {
	e := echo.New()
	e.Use(middleware.Recover())
	e.GET("/search", h.Search)
	e.POST("/search/suggest", h.Suggest)

	internal := e.Group("/internal", middleware.BasicAuth(h.checkOperator))
	internal.POST("/reindex", h.Reindex)
	return e
}
