// Package gitlabci extracts the CI surface of GitLab pipelines: each job of
// a .gitlab-ci.yml and of the local files it includes, with the images it
// runs, the secrets and variables it reads and when it runs; and each
// configuration included from outside the repository, with whether a
// commit SHA pins it.
//
// Files are read with yaml.v3's node API, which keeps lines and leaves
// anchors, merge keys and extends for this package to resolve with bounds.
package gitlabci
