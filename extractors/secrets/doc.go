// Package secrets finds files committed to the repository that hold
// credentials: private keys, dotenv files, cloud and registry credential
// files and kubeconfigs. It reports each file's path and the type of
// credential only; no value read from a file ever leaves this package.
package secrets
