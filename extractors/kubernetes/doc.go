// Package kubernetes extracts the surface that plain Kubernetes manifests
// declare: workloads and their privileges, Services and Ingresses that take
// traffic in, NetworkPolicies, RBAC bindings and Secrets written into the
// repository.
//
// Manifests are read with yaml.v3's node API, document by document, so that
// every item keeps its line and a broken document does not hide the others.
package kubernetes
