// Package redact removes credentials from the URLs that manifests, lockfiles
// and configuration name: a token or password in a URL's user information,
// and query values whose key says they are a secret (token=, password=,
// X-Amz-Signature=). Surface items and diagnostics end up in reports, CI
// logs and pull-request comments, so every URL an extractor reports passes
// through here first.
package redact
