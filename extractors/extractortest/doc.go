// Package extractortest helps test extractors. It serves fixture folders and
// in-memory files the way the walker serves a repository, checks what every
// extraction must give whatever its input (the invariants fuzz tests hold
// extractors to), and compares an extraction with what a table test wants.
package extractortest
