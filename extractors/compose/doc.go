// Package compose extracts the surface Docker Compose files declare: each
// service with the host privileges it asks for, and each port it publishes
// on the host, with the interface it binds deciding its exposure.
//
// Files are read with yaml.v3's node API rather than the compose-go loader,
// which interpolates the environment, follows includes through its own file
// access and drops the lines every item needs; anchors and merge keys are
// followed as Compose follows them.
package compose
