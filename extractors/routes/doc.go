// Package routes finds the HTTP routes a service registers in its own code:
// net/http, chi, gin, echo and gorilla/mux in Go; Express, Fastify and NestJS
// in JavaScript and TypeScript; Flask, FastAPI and Django in Python; Spring and
// JAX-RS in Java and Kotlin; ASP.NET Core in C#; and Rails in config/routes.rb.
//
// There is one extractor per language, each reporting http.route items with
// the line of the registration and the endpoint key that links a route to the
// operation an API definition declares for it.
package routes
