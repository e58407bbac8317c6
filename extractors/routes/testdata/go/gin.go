package main

import "github.com/gin-gonic/gin"

func setupRouter() *gin.Engine {
	r := gin.Default()
	r.GET("/ping", ping)
	v1 := r.Group("/v1")
	{
		v1.POST("/login", loginEndpoint)
		users := v1.Group("/users", authRequired())
		users.GET("/:id", handlers.GetUser)
		users.Match([]string{"PUT", "PATCH"}, "/:id", updateUser)
	}
	r.Group("/v2").GET("/items", listItems)
	r.Handle("OPTIONS", "/cors", cors)
	r.Any("/proxy/*path", proxy)
	r.Static("/assets", "./assets")
	dyn := r.Group(basePath())
	dyn.DELETE("/thing", deleteThing)
	return r
}

func registerAdmin(g *gin.RouterGroup) {
	g.GET("/admin", admin)
}

func notGin(m map[string]int) {
	x := m["GET"]
	_ = x
}
