// Package dockerfile extracts the container surface of Dockerfiles and
// Containerfiles: the image each file builds, the base images it trusts and
// the ports its final stage exposes. The image also records how it is built:
// remote ADD sources, RUN lines that pipe a download into a shell, and the
// names of build variables that look like secrets.
//
// Parsing is left to BuildKit's own Dockerfile parser, so continuation lines,
// the escape directive, JSON and shell forms and heredocs are read exactly as
// `docker build` reads them. RUN scripts are read with mvdan.cc/sh, a shell
// parser, so a pipe inside quotes or a comment is not taken for one.
package dockerfile
