// Package depset gathers what a manifest and its lockfile say about each
// dependency and turns it into surface items of kind "dependency", with the
// attributes every ecosystem shares. It also holds the small helpers the
// dependency extractors share: reading an optional sibling file, walking a
// lockfile's dependency graph, and reading decoded values safely.
package depset
