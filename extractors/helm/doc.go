// Package helm extracts what a Helm chart brings in from elsewhere: the
// charts its Chart.yaml depends on and the container images its values
// files name. Templates are not rendered, and each chart says so with one
// diagnostic rather than stay silent about the surface they hold.
package helm
