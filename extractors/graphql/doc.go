// Package graphql extracts the entry points a GraphQL schema (SDL) declares:
// one item per field of the query, mutation and subscription root types,
// whatever the schema names them.
//
// Files are parsed by github.com/vektah/gqlparser/v2, the parser behind
// gqlgen, which keeps each field's position.
package graphql
