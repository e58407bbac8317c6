// Package gomod extracts the module dependencies a go.mod file requires, each
// with the version it is built at, whether a replace directive swaps its
// source, and whether the sibling go.sum holds a checksum for it.
//
// Reading is left to golang.org/x/mod/modfile, the parser behind the go
// command, so every item points at its own require line.
package gomod
