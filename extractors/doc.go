// Package extractors reads a repository's attack surface.
//
// One walk of the tree (Walk) builds the file inventory and hands each file to
// the extractors that claim it. An Extractor lives in its own subpackage and
// answers two questions: which files are mine, and what surface do they hold.
// Every surface Item carries a stable id derived from what the item is, never
// from its line, so moving code does not make it new.
package extractors
