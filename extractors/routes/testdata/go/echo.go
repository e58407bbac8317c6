package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func main() {
	e := echo.New()
	e.Use(middleware.Logger())
	e.GET("/users/:id", getUser, middleware.BasicAuth(check))
	e.POST("/users", saveUser)
	admin := e.Group("/admin", middleware.BasicAuth(check))
	admin.GET("/stats", stats)
	admin.Add("PURGE", "/cache", purge)
	e.Match([]string{"GET", "HEAD"}, "/health", health)
	e.Any("/*", fallback)
	e.Logger.Fatal(e.Start(":1323"))
}

func health(c echo.Context) error { return c.String(http.StatusOK, "ok") }
