// Package yamlnode reads YAML manifests node by node, keeping the line of
// everything it returns. It owns the multi-document decoding loop that
// resumes after a broken document, and the lookups that follow aliases and
// merge keys, which yaml.v3's node API leaves to its callers.
package yamlnode
