// Package threatmodel owns a repository's threat model file: its types, a
// strict loader that reports every problem with file, line and column, and an
// atomic writer that produces the same bytes for the same model.
//
// The file is YAML (threat-model.yaml) or JSON (threat-model.json); both are
// read through the same YAML node walk, which the .tms.yaml reader reuses via
// Decoder and Fields.
package threatmodel
