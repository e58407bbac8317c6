// Package bundles builds, signs, verifies, fetches and publishes OPA policy
// bundles, the artifact through which an organisation ships its rules to
// every repository. It uses OPA's own bundle format and signature scheme and
// adds none of its own; what it hands the engine is a verified
// engine.Bundle, or an error that says which file or check failed.
package bundles
