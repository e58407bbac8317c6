// Package imageref splits the container image references that manifests
// name (Kubernetes containers, Helm values, Compose services) into
// repository, tag and digest, and says whether the reference is pinned.
// Parsing is left to github.com/distribution/reference, the grammar the
// Docker and containerd clients use.
package imageref
