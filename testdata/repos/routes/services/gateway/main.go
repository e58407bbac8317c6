package main

import (
	"github.com/gin-gonic/gin"
)

func main() {
	r := gin.Default()
	r.GET("/ping", func(c *gin.Context) { c.String(200, "pong") })

	v1 := r.Group("/api/v1")
	{
		v1.POST("/login", login)
		users := v1.Group("/users", authRequired())
		users.GET("/:id", getUser)
		users.PATCH("/:id", updateUser)
	}
	r.Static("/assets", "./public")
	_ = r.Run(":8081")
}
