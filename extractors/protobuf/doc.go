// Package protobuf extracts the gRPC services and methods that .proto files
// declare, with their streaming shape and any HTTP binding that transcodes
// REST calls to them.
//
// Files are parsed by github.com/bufbuild/protocompile's parser, which keeps
// every declaration's position and recovers after a syntax error, so a broken
// file still yields the services before and after its mistake.
package protobuf
