// Package dockerfile extracts the container surface of Dockerfiles and
// Containerfiles: the image each file builds, the base images it trusts and
// the ports its final stage exposes.
//
// Parsing is left to BuildKit's own Dockerfile parser, so continuation lines,
// the escape directive, JSON and shell forms and heredocs are read exactly as
// `docker build` reads them.
package dockerfile
