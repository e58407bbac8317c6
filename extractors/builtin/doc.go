// Package builtin lists the extractors that ship with tms. It is the one
// place that knows them all, so that the walker and the commands depend on
// the Extractor interface only.
package builtin
