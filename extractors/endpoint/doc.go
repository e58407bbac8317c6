// Package endpoint owns the key that links an operation declared in an API
// definition to the route that serves it in code. Extractors of both sides
// compute it with Key, so policies can compare the two with one lookup.
package endpoint
