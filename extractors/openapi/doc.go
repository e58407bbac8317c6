// Package openapi extracts the operations an OpenAPI 3.x or Swagger 2.0
// definition declares, each with the security requirement and servers that
// apply to it, and one item per definition file.
//
// Definitions are read as yaml.v3 node trees rather than through an OpenAPI
// object model, so that every operation keeps its line and a definition that
// does not validate still yields what it declares.
package openapi
