module example.com/shop/api

go 1.26

require (
	github.com/go-chi/chi/v5 v5.2.3
	github.com/golang-jwt/jwt/v5 v5.3.0
)

require golang.org/x/crypto v0.45.0 // indirect
